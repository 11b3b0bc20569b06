# DataWorksDI.TestKit: a throwaway local DataWorks emulator for testing runbooks with Pester.
# Written for Windows PowerShell 5.1 and PowerShell 7+ alike (no ?? or ternaries, no Process.Kill(bool)).

Set-StrictMode -Version 3.0

# The emulator's well-known demo key pair (public, for local use only, like Azurite's devstoreaccount1 key;
# docs/emulator.md). Every emulator this kit starts accepts it.
$script:DemoAccessKeyId = 'LTAI5tDataWorksEmulatorDemo'
$script:DemoAccessKeySecret = 'DataWorksEmulatorDemoSecretForLocalUseOnly'
$script:ToolCommandName = 'dataworks-emulator'
$script:PathVariable = 'DATAWORKSDI_EMULATOR'

function Resolve-EmulatorCommand {
    # Returns @{ FilePath; Arguments } for the emulator to run, or throws saying how to get one.
    param([string] $Path)

    $source = 'the -Path parameter'
    if (-not $Path -and $env:DATAWORKSDI_EMULATOR) {
        $Path = $env:DATAWORKSDI_EMULATOR
        $source = "`$env:$script:PathVariable"
    }
    if ($Path) {
        if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) {
            throw "The DataWorks emulator given by $source was not found: '$Path'. Give the path of DataWorksDI.Emulator.dll or of the $script:ToolCommandName executable."
        }
        $full = (Resolve-Path -LiteralPath $Path).ProviderPath
        if ($full -like '*.dll') {
            $dotnet = Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
            if (-not $dotnet) { throw "'$full' is a .NET assembly, and 'dotnet' is not on PATH. Install the .NET 10 runtime or SDK." }
            return @{ FilePath = $dotnet.Source; Arguments = @($full) }
        }
        return @{ FilePath = $full; Arguments = @() }
    }
    $tool = Get-Command $script:ToolCommandName -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($tool) { return @{ FilePath = $tool.Source; Arguments = @() } }
    throw ("The DataWorks emulator was not found: '$script:ToolCommandName' is not on PATH and neither -Path nor " +
        "`$env:$script:PathVariable names it. Install it as a .NET tool (dotnet tool install --global DataWorksDI.Emulator, " +
        "adding --add-source <folder> when the .nupkg is in a local folder), or pass -Path <DataWorksDI.Emulator.dll>.")
}

function ConvertTo-ProcessArgument {
    # One command-line argument, quoted for ProcessStartInfo.Arguments (the same rules on Windows and Unix).
    param([string] $Value)
    if ($Value -notmatch '[\s"]' -and $Value -ne '') { return $Value }
    return '"' + ($Value -replace '(\\*)"', '$1$1\"' -replace '(\\+)$', '$1$1') + '"'
}

function ConvertTo-DelayArgument {
    param([TimeSpan] $Delay)
    return '{0}ms' -f [long][Math]::Round($Delay.TotalMilliseconds)
}

function Get-LogTail {
    param([string] $Path, [int] $Lines = 20)
    if (Test-Path -LiteralPath $Path) { return ((Get-Content -LiteralPath $Path -Tail $Lines) -join [Environment]::NewLine) }
    return ''
}

function Stop-EmulatorProcess {
    param([System.Diagnostics.Process] $Process)
    if ($null -eq $Process) { return }
    try {
        # Kill(), not Kill($true): the emulator is one process (the tool's apphost, or dotnet running the dll in-process),
        # and on Unix .NET's tree kill first stops the process (SIGSTOP) and only then kills it. A session that ended
        # between the two (Stop-DIEmulator in a finally while PowerShell exits) left an emulator stopped for good, where
        # its --exit-with-process watch cannot run. A plain Kill() is one SIGKILL (TerminateProcess on Windows).
        if (-not $Process.HasExited) { $Process.Kill() }
        $null = $Process.WaitForExit(10000)
    }
    catch [System.InvalidOperationException] {
        # Already gone.
    }
}

function Remove-EmulatorDirectory {
    param([string] $Path)
    # SQLite files can stay locked for a moment after the process ends (Windows): retry briefly.
    for ($i = 0; $i -lt 20 -and (Test-Path -LiteralPath $Path); $i++) {
        try { Remove-Item -LiteralPath $Path -Recurse -Force -ErrorAction Stop }
        catch { Start-Sleep -Milliseconds 100 }
    }
    if (Test-Path -LiteralPath $Path) { Write-Warning "Could not remove the emulator directory '$Path'; remove it by hand." }
}

function Start-DIEmulator {
    <#
    .SYNOPSIS
        Starts a throwaway local DataWorks emulator: a fresh data directory, a free port on 127.0.0.1, ready when it returns.
    .DESCRIPTION
        Runs the DataWorks emulator (the DataWorksDI.Emulator .NET tool, or a given DataWorksDI.Emulator.dll) as its own
        process with "--urls http://127.0.0.1:0" (the system picks a free port) and a new, empty data directory under
        the temporary folder, waits until it answers its health endpoint, and returns an object that describes it:
        Endpoint, AccessKeyId and AccessKeySecret (the emulator's public demo key pair, the secret as a SecureString),
        DataDirectory, LogDirectory and ProcessId. Pass that object to Connect-DIEmulator, Get-DIEmulatorRequest and
        Stop-DIEmulator. The emulator is started with --exit-with-process set to this PowerShell process, so it stops by
        itself when the session ends without Stop-DIEmulator.

        The emulator is found in this order: -Path; the environment variable DATAWORKSDI_EMULATOR; the command
        dataworks-emulator on PATH (dotnet tool install --global DataWorksDI.Emulator). Its standard output and error
        go to files in LogDirectory, never to the console. Every emulator has the demo tenant of docs/emulator.md
        (standard-mode workspace 10000, basic-mode workspace 10001, the documentation's workspaces, data sources,
        resource groups and folders) plus whatever -ConfigPath adds.
    .PARAMETER Path
        The emulator to run: the path of DataWorksDI.Emulator.dll (run with dotnet) or of an executable such as the
        installed tool's dataworks-emulator. Default: $env:DATAWORKSDI_EMULATOR, then dataworks-emulator on PATH.
    .PARAMETER ConfigPath
        An emulator --config file (JSON): more workspaces, folders and data sources, deployment checks, faults.
        See the --config section of docs/emulator.md.
    .PARAMETER DeploymentDelay
        How long a deployment package stays pending (default 300 ms here, the emulator's own default is 3 s).
    .PARAMETER RealtimeGenerationDelay
        How long a real-time configuration generation stays "processing" (default 300 ms here).
    .PARAMETER RealtimeStartDelay
        How long a started real-time instance stays WAIT before RUN (default 300 ms here).
    .PARAMETER ArgumentList
        More emulator options, as on its command line, e.g. '--fault-throttle-ratio', '0.2', '--fault-seed', '1'.
    .PARAMETER TimeoutSec
        How long to wait for the emulator to be ready before giving up (default 60 s).
    .EXAMPLE
        $emulator = Start-DIEmulator
        $emulator | Connect-DIEmulator -ProjectId 10000
        Get-DIWorkspace
        $emulator | Stop-DIEmulator

        Starts an emulator from the installed .NET tool, connects DataWorksDI to its standard-mode workspace 10000,
        reads the workspace, then stops the emulator and deletes its data.
    .EXAMPLE
        $emulator = Start-DIEmulator -Path ./src/DataWorksDI.Emulator/bin/Debug/net10.0/DataWorksDI.Emulator.dll -DeploymentDelay 0:0:2

        Runs an emulator built from source, with deployment packages pending for two seconds.
    .OUTPUTS
        DataWorksDI.TestKit.Emulator: Endpoint (Uri), AccessKeyId, AccessKeySecret (SecureString), DataDirectory,
        LogDirectory, ProcessId, StartupLine.
    .LINK
        Stop-DIEmulator
    .LINK
        Connect-DIEmulator
    .LINK
        Get-DIEmulatorRequest
    #>
    [CmdletBinding()]
    [OutputType('DataWorksDI.TestKit.Emulator')]
    param(
        [string] $Path,
        [string] $ConfigPath,
        [TimeSpan] $DeploymentDelay = '00:00:00.3',
        [TimeSpan] $RealtimeGenerationDelay = '00:00:00.3',
        [TimeSpan] $RealtimeStartDelay = '00:00:00.3',
        [string[]] $ArgumentList = @(),
        [ValidateRange(1, 3600)]
        [int] $TimeoutSec = 60
    )

    $command = Resolve-EmulatorCommand -Path $Path
    if ($ConfigPath) {
        if (-not (Test-Path -LiteralPath $ConfigPath -PathType Leaf)) { throw "The emulator configuration file '$ConfigPath' does not exist." }
        $ConfigPath = (Resolve-Path -LiteralPath $ConfigPath).ProviderPath
    }

    $root = Join-Path ([IO.Path]::GetTempPath()) ('dataworks-emulator-' + [Guid]::NewGuid().ToString('N'))
    $dataDirectory = Join-Path $root 'data'
    $null = New-Item -ItemType Directory -Path $dataDirectory -Force
    $stdout = Join-Path $root 'emulator.out.log'
    $stderr = Join-Path $root 'emulator.err.log'

    $arguments = @($command.Arguments) + @(
        '--urls', 'http://127.0.0.1:0',
        '--data-dir', $dataDirectory,
        '--deployment-delay', (ConvertTo-DelayArgument $DeploymentDelay),
        '--realtime-generation-delay', (ConvertTo-DelayArgument $RealtimeGenerationDelay),
        '--realtime-start-delay', (ConvertTo-DelayArgument $RealtimeStartDelay),
        # It stops by itself when this PowerShell process ends without Stop-DIEmulator (a closed window, a killed job).
        '--exit-with-process', $PID)
    if ($ConfigPath) { $arguments += @('--config', $ConfigPath) }
    $arguments += $ArgumentList
    Write-Verbose ("Starting the DataWorks emulator: {0} {1}" -f $command.FilePath, ($arguments -join ' '))

    $process = Start-Process -FilePath $command.FilePath -ArgumentList (($arguments | ForEach-Object { ConvertTo-ProcessArgument $_ }) -join ' ') `
        -RedirectStandardOutput $stdout -RedirectStandardError $stderr -NoNewWindow -PassThru
    try {
        # The first stdout line says where it listens: "DataWorks emulator listening on <url> (AccessKeyId: <id>, data: <dir>)".
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
        $line = $null
        while (-not $line) {
            if (Test-Path -LiteralPath $stdout) {
                $line = Get-Content -LiteralPath $stdout -ErrorAction SilentlyContinue | Where-Object { $_ -match 'listening on (http://\S+) \(AccessKeyId: ([^,]+),' } | Select-Object -First 1
            }
            if ($line) { break }
            if ($process.HasExited) {
                throw ("The DataWorks emulator exited with code {0} before it was ready: {1}" -f $process.ExitCode, (Get-LogTail $stderr))
            }
            if ([DateTime]::UtcNow -gt $deadline) {
                throw ("The DataWorks emulator was not ready after {0} s. Its error output: {1}" -f $TimeoutSec, (Get-LogTail $stderr))
            }
            Start-Sleep -Milliseconds 50
        }
        $null = $line -match 'listening on (http://\S+) \(AccessKeyId: ([^,]+),'
        $endpoint = [Uri] ($Matches[1].TrimEnd('/') + '/')
        $accessKeyId = $Matches[2]

        do {
            try {
                $health = Invoke-RestMethod -Uri ([Uri]::new($endpoint, '_emulator/health')) -TimeoutSec 5 -ErrorAction Stop
                if ($health.status -eq 'ok') { break }
            }
            catch {
                if ([DateTime]::UtcNow -gt $deadline) { throw "The DataWorks emulator at $endpoint did not answer its health endpoint: $($_.Exception.Message)" }
                Start-Sleep -Milliseconds 100
            }
        } while ($true)
    }
    catch {
        Stop-EmulatorProcess $process
        Remove-EmulatorDirectory $root
        throw
    }

    $secret = New-Object System.Security.SecureString
    foreach ($c in $script:DemoAccessKeySecret.ToCharArray()) { $secret.AppendChar($c) }
    $secret.MakeReadOnly()

    $emulator = [pscustomobject] @{
        PSTypeName      = 'DataWorksDI.TestKit.Emulator'
        Endpoint        = $endpoint
        AccessKeyId     = $accessKeyId
        AccessKeySecret = $secret
        DataDirectory   = $dataDirectory
        LogDirectory    = $root
        ProcessId       = $process.Id
        StartupLine     = $line
        Process         = $process
    }
    # Keep Process out of the default display and out of ConvertTo-Json/Export-Csv's way unless asked for.
    $emulator.PSObject.TypeNames.Insert(0, 'DataWorksDI.TestKit.Emulator')
    $defaultSet = New-Object System.Management.Automation.PSPropertySet('DefaultDisplayPropertySet', [string[]] @('Endpoint', 'AccessKeyId', 'DataDirectory', 'ProcessId'))
    $emulator | Add-Member -MemberType MemberSet -Name PSStandardMembers -Value ([System.Management.Automation.PSMemberInfo[]] @($defaultSet)) -Force
    Write-Verbose "DataWorks emulator ready at $endpoint (process $($process.Id), data $dataDirectory)"
    $emulator
}

function Stop-DIEmulator {
    <#
    .SYNOPSIS
        Stops an emulator started with Start-DIEmulator and deletes its data directory and logs.
    .DESCRIPTION
        Ends the emulator's process (and any child process) and removes the temporary directory that held its SQLite
        state and its logs, unless -KeepData is given. Stopping an emulator that has already stopped is not an error,
        so the command is safe in AfterAll and finally blocks.
    .PARAMETER Emulator
        The object Start-DIEmulator returned.
    .PARAMETER KeepData
        Leaves the data directory and the logs in place (their path is in the object's LogDirectory), e.g. to look at
        a failure.
    .EXAMPLE
        AfterAll { $emulator | Stop-DIEmulator }

        Stops the emulator of a Pester container and deletes its data.
    .INPUTS
        DataWorksDI.TestKit.Emulator
    .OUTPUTS
        None
    .LINK
        Start-DIEmulator
    #>
    [CmdletBinding()]
    [OutputType([void])]
    param(
        [Parameter(Mandatory = $true, ValueFromPipeline = $true)]
        [psobject] $Emulator,
        [switch] $KeepData
    )
    process {
        Stop-EmulatorProcess $Emulator.Process
        if (-not $KeepData) { Remove-EmulatorDirectory $Emulator.LogDirectory }
        Write-Verbose "DataWorks emulator at $($Emulator.Endpoint) stopped"
    }
}

function Connect-DIEmulator {
    <#
    .SYNOPSIS
        Connects DataWorksDI to an emulator started with Start-DIEmulator (Connect-DIWorkspace -Endpoint with its key).
    .DESCRIPTION
        Calls Connect-DIWorkspace with the emulator's Endpoint, its demo AccessKey pair and -ProjectId, so every
        DataWorksDI cmdlet run afterwards in this session talks to the emulator. Returns the DIContext, like
        Connect-DIWorkspace. DataWorksDI must be importable (imported, or on $env:PSModulePath).
    .PARAMETER Emulator
        The object Start-DIEmulator returned.
    .PARAMETER ProjectId
        The workspace: 10000 (standard mode, the default), 10001 (basic mode), one of the documentation's workspaces
        (181565, 2043, 78837, 63845) or one added with Start-DIEmulator -ConfigPath.
    .EXAMPLE
        $emulator | Connect-DIEmulator -ProjectId 10001 | Out-Null

        Connects to the basic-mode workspace, where Submit-DIFile deploys to production at once.
    .INPUTS
        DataWorksDI.TestKit.Emulator
    .OUTPUTS
        DataWorksDI.Session.DIContext
    .LINK
        Start-DIEmulator
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, ValueFromPipeline = $true)]
        [psobject] $Emulator,
        [long] $ProjectId = 10000
    )
    process {
        if (-not (Get-Command DataWorksDI\Connect-DIWorkspace -ErrorAction SilentlyContinue)) {
            throw 'The DataWorksDI module is not available: import it first (Import-Module <path>/DataWorksDI) or install it on $env:PSModulePath.'
        }
        DataWorksDI\Connect-DIWorkspace -Endpoint $Emulator.Endpoint -ProjectId $ProjectId -AccessKeyId $Emulator.AccessKeyId -AccessKeySecret $Emulator.AccessKeySecret
    }
}

function Get-DIEmulatorRequest {
    <#
    .SYNOPSIS
        The API calls an emulator received: all of them, those after a sequence number, or those made while a script block ran.
    .DESCRIPTION
        Reads the emulator's request log (GET /_emulator/requests): one object per DataWorks API call, oldest first,
        with sequence, time, method, action, accessKeyId, signatureVersion, httpStatus, errorCode and parameterNames
        (names only, never values). With -During, runs the script block and returns only the calls made meanwhile,
        which is how a test proves that -WhatIf sent nothing or that a runbook made exactly the calls it should. The
        script block's own output is discarded; its errors are not.
    .PARAMETER Emulator
        The object Start-DIEmulator returned.
    .PARAMETER Since
        Only calls with a sequence number greater than this.
    .PARAMETER During
        A script block to run; only the calls made while it ran are returned.
    .PARAMETER Action
        Only calls of these API actions (e.g. CreateDISyncTask).
    .EXAMPLE
        $emulator | Get-DIEmulatorRequest -During { ./runbook.ps1 -WhatIf } | Should -BeNullOrEmpty

        Proves that the runbook's -WhatIf run made no API call.
    .EXAMPLE
        ($emulator | Get-DIEmulatorRequest -Action SubmitFile).Count

        Counts the SubmitFile calls the emulator has received.
    .INPUTS
        DataWorksDI.TestKit.Emulator
    .OUTPUTS
        System.Management.Automation.PSCustomObject
    .LINK
        Start-DIEmulator
    #>
    [CmdletBinding(DefaultParameterSetName = 'Since')]
    param(
        [Parameter(Mandatory = $true, ValueFromPipeline = $true)]
        [psobject] $Emulator,
        [Parameter(ParameterSetName = 'Since')]
        [long] $Since = 0,
        [Parameter(Mandatory = $true, ParameterSetName = 'During')]
        [scriptblock] $During,
        [string[]] $Action
    )
    process {
        $base = [Uri] $Emulator.Endpoint
        if ($PSCmdlet.ParameterSetName -eq 'During') {
            $Since = (Invoke-RestMethod -Uri ([Uri]::new($base, '_emulator/health')) -ErrorAction Stop).lastRequestSequence
            # Dot-sourced, so variables the block sets stay visible to the caller.
            $null = . $During
        }
        $log = Invoke-RestMethod -Uri ([Uri]::new($base, "_emulator/requests?since=$Since")) -ErrorAction Stop
        foreach ($request in $log.requests) {
            if (-not $Action -or $Action -contains $request.action) { $request }
        }
    }
}

Export-ModuleMember -Function Start-DIEmulator, Stop-DIEmulator, Connect-DIEmulator, Get-DIEmulatorRequest
