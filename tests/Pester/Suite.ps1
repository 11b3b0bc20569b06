# Shared support for the Pester suite. Dot-source it (". $PSScriptRoot/Suite.ps1") in BeforeDiscovery and BeforeAll:
# dot-sourced, its functions belong to the test file's session state, so the Mocks they create and the example code
# they run see the same commands the test does.
#
# Inputs (set by build.ps1's Test task, with defaults for running one file by hand from the repo root):
#   DATAWORKSDI_MODULE    the module folder to import (default: <repo>/out/DataWorksDI)
#   DATAWORKSDI_EMULATOR  the emulator to start (default: the Debug build of src/DataWorksDI.Emulator)

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
$script:DemoAccessKeyId = 'LTAI5tDataWorksEmulatorDemo'
$script:DemoSecretText = 'DataWorksEmulatorDemoSecretForLocalUseOnly'

# The seed document's TaskContent (examples/01-batch-sync-lifecycle.ps1): dh_mysql -> odps_source, both with a
# production copy in every demo workspace, so it can be deployed.
$script:BatchContent = '{"type":"job","version":"2.0","steps":[{"stepType":"mysql","parameter":{"envType":1,"datasource":"dh_mysql","column":["id","name"],"connection":[{"datasource":"dh_mysql","table":["orders_v1"]}],"where":"","splitPk":"id","encoding":"UTF-8"},"name":"Reader","category":"reader"},{"stepType":"odps","parameter":{"partition":"pt=${bizdate}","truncate":true,"datasource":"odps_source","envType":1,"column":["id","name"],"emptyAsNull":false,"table":"ods_orders"},"name":"Writer","category":"writer"}],"setting":{"errorLimit":{"record":""},"speed":{"concurrent":2,"throttle":false}},"order":{"hops":[{"from":"Reader","to":"Writer"}]}}'

# A real-time generation request (New-DISyncTask -TaskType Realtime), MySQL -> MaxCompute.
$script:RealtimeRequest = '{"type":"realtime","version":"1.0","setting":{"resourceGroup":"S_res_group_280749521950784_1602767279794","taskType":"oneclick_to_odps","name":"rt_orders"},"steps":[{"stepType":"mysql","parameter":{"connection":[{"datasourceType":"mysql","datasource":"mysql_pub","table":["orders"]}]},"name":"Reader","category":"reader"},{"stepType":"odps","parameter":{"datasource":"odps_first"},"name":"Writer","category":"writer"}]}'

function Import-SuiteModule {
    $module = if ($env:DATAWORKSDI_MODULE) { $env:DATAWORKSDI_MODULE } else { Join-Path $script:RepoRoot 'out/DataWorksDI' }
    if (-not (Test-Path (Join-Path $module 'DataWorksDI.dll'))) { throw "The module is not built at '$module': run ./build.ps1 -Task Build first." }
    Import-Module $module -Force -ErrorAction Stop
    # Both modules importable by name, as after an install (Invoke-PesterSuite.ps1 does the same).
    $modules = Split-Path $module -Parent
    if (($env:PSModulePath -split [IO.Path]::PathSeparator) -notcontains $modules) { $env:PSModulePath = $modules + [IO.Path]::PathSeparator + $env:PSModulePath }
    # The kit as the build lays it out next to the module (out/DataWorksDI.TestKit), else from source.
    $kit = Join-Path (Split-Path $module -Parent) 'DataWorksDI.TestKit/DataWorksDI.TestKit.psd1'
    if (-not (Test-Path $kit)) { $kit = Join-Path $script:RepoRoot 'src/DataWorksDI.TestKit/DataWorksDI.TestKit.psd1' }
    Import-Module $kit -Force -ErrorAction Stop
    if (-not $env:DATAWORKSDI_EMULATOR) {
        $env:DATAWORKSDI_EMULATOR = Join-Path $script:RepoRoot 'src/DataWorksDI.Emulator/bin/Debug/net10.0/DataWorksDI.Emulator.dll'
    }
    # Progress bars would only clutter the logs; the cmdlets behave the same without them.
    $global:ProgressPreference = 'SilentlyContinue'
}

function Start-SuiteEmulator {
    # A fresh emulator (fresh data directory, free port) with what the documentation's examples assume beyond the demo
    # tenant: workspace 12345 (the README's) with the sales folders, and deployment checks that reject, fail the check of, or fail in production chosen names.
    # -Workspace adds workspaces to the config (e.g. $DefinitionWorkspaces, the stages of examples/definitions).
    param([string[]] $ArgumentList = @(), [hashtable[]] $Workspace = @())
    $config = Join-Path ([IO.Path]::GetTempPath()) ('dwdi-pester-config-' + [Guid]::NewGuid().ToString('N') + '.json')
    @{
        # The demo key, and the key id the help's examples type (LTAI5tExampleKeyId) with the same secret.
        accessKeys       = @(
            @{ accessKeyId = $script:DemoAccessKeyId; accessKeySecret = $script:DemoSecretText },
            @{ accessKeyId = 'LTAI5tExampleKeyId'; accessKeySecret = $script:DemoSecretText })
        workspaces       = @(@{
                projectId = 12345; identifier = 'my_workspace'; name = 'Sales'; mode = 'standard'
                folders   = @('Workflow/sales/Data_Integration', 'Business Flow/sales/Data Integration', 'Workflow/new_biz/Data Integration',
                    'Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration')
            }) + $Workspace
        deploymentChecks = @(
            @{ fileNamePattern = 'rejectme_*'; outcome = 'reject'; stage = 'any' },
            @{ fileNamePattern = 'checkfailme_*'; outcome = 'checkFail'; stage = 'any' },
            @{ fileNamePattern = 'failprod_*'; outcome = 'fail'; stage = 'deploy' })
    } | ConvertTo-Json -Depth 8 | Set-Content -LiteralPath $config -Encoding utf8
    try { Start-DIEmulator -ConfigPath $config -ArgumentList $ArgumentList }
    finally { Remove-Item -LiteralPath $config -Force }
}

# The workspaces of examples/definitions/stages (dev 20000, prod 30000), as tests/DataWorksDI.Tests/Definitions has them:
# their folderRoots exist and their data sources have the names the stages map to.
$script:DefinitionWorkspaces = @(
    @{ projectId = 20000; identifier = 'sales_dev'; name = 'Sales dev'; mode = 'standard'
        folders = @('Business Flow/sales_dev/Data Integration', 'Business Flow/sales_dev/Data Integration/ods')
        dataSources = @(@{ name = 'mysql_dev'; type = 'mysql'; envTypes = @(0, 1) }, @{ name = 'odps_dev'; type = 'odps'; envTypes = @(0, 1) }) },
    @{ projectId = 30000; identifier = 'sales_prod'; name = 'Sales prod'; mode = 'standard'
        folders = @('Business Flow/sales_prod/Data Integration', 'Business Flow/sales_prod/Data Integration/ods')
        dataSources = @(@{ name = 'mysql_prod'; type = 'mysql'; envTypes = @(0, 1) }, @{ name = 'odps_prod'; type = 'odps'; envTypes = @(0, 1) }) })

function Copy-SuiteDefinitionExample {
    # Puts examples/definitions' tasks/ and stages/ into the sandbox's working directory (its ./tasks replaced): what the
    # DITaskDefinition help examples read.
    param([Parameter(Mandatory)] $Sandbox)
    $source = Join-Path $script:RepoRoot 'examples/definitions'
    Remove-Item -LiteralPath (Join-Path $Sandbox.Work 'tasks') -Recurse -Force -ErrorAction SilentlyContinue
    Copy-Item -LiteralPath (Join-Path $source 'tasks'), (Join-Path $source 'stages') -Destination $Sandbox.Work -Recurse -Force
}

function Get-DemoSecret {
    [System.Net.NetworkCredential]::new('', $script:DemoSecretText).SecurePassword
}

function Get-DemoCredential {
    [pscredential]::new($script:DemoAccessKeyId, (Get-DemoSecret))
}

function Connect-Suite {
    param([Parameter(Mandatory)] $Emulator, [long] $ProjectId = 12345)
    $null = DataWorksDI\Connect-DIWorkspace -Endpoint $Emulator.Endpoint -ProjectId $ProjectId -AccessKeyId $Emulator.AccessKeyId -AccessKeySecret $Emulator.AccessKeySecret
}

function New-SuiteAccessKey {
    # A key of its own from the emulator (POST /_emulator/access-keys): calls counted per key (pacing, the daily budget)
    # start from nothing, whatever other tests of the file did with the demo key.
    param([Parameter(Mandatory)] $Emulator)
    $key = Invoke-RestMethod -Method Post -Uri ([Uri]::new([Uri]$Emulator.Endpoint, '_emulator/access-keys')) -ContentType 'application/json' -Body '{}'
    [pscustomobject]@{ AccessKeyId = $key.accessKeyId; AccessKeySecret = [System.Net.NetworkCredential]::new('', $key.accessKeySecret).SecurePassword }
}

function Get-RequestMark {
    param([Parameter(Mandatory)] $Emulator)
    (Invoke-RestMethod -Uri ([Uri]::new([Uri]$Emulator.Endpoint, '_emulator/health'))).lastRequestSequence
}

function New-SuiteFolder {
    param([Parameter(Mandatory)] [long] $ProjectId, [Parameter(Mandatory)] [string] $FolderPath)
    # A parent that does not exist (Invalid.Tenant.FolderNotExists) means the folder does not exist either.
    $existing = Invoke-DIApi -Action ListFolders -Parameter @{ ProjectId = $ProjectId; ParentFolderPath = ($FolderPath -replace '/[^/]+$', ''); PageNumber = 1; PageSize = 100 } -ErrorAction SilentlyContinue
    if ($existing.Data.Folders | Where-Object { $_.FolderPath -eq $FolderPath }) { return }
    $null = Invoke-DIApi -Action CreateFolder -Parameter @{ ProjectId = $ProjectId; FolderPath = $FolderPath } -Confirm:$false
}

function New-SuiteBatchTask {
    # A batch task through the module itself; -Submit / -Publish take it to development / production.
    param(
        [Parameter(Mandatory)] [string] $Name,
        [string] $FolderPath = 'Workflow/sales/Data_Integration',
        [long] $ProjectId = 12345,
        [string] $Content = $script:BatchContent,
        [switch] $Submit,
        [switch] $Publish
    )
    $task = DataWorksDI\New-DISyncTask -Name $Name -FolderPath $FolderPath -Content $Content -ProjectId $ProjectId -ResourceGroup 'S_res_group_280749521950784_1602767279794' -Confirm:$false
    if ($Submit -or $Publish) { $null = $task | DataWorksDI\Submit-DIFile -Wait -PollInterval 0.2 -Confirm:$false }
    if ($Publish) { $null = $task | DataWorksDI\Publish-DIFile -Wait -PollInterval 0.2 -Confirm:$false }
    $task
}

function New-SuiteRealtimeTask {
    param(
        [Parameter(Mandatory)] [string] $Name,
        [string] $FolderPath = 'Workflow/sales/Data_Integration',
        [long] $ProjectId = 12345,
        [ValidateSet('Realtime', 'Solution')] [string] $TaskType = 'Realtime',
        [switch] $Deploy,
        [switch] $Start
    )
    $task = DataWorksDI\New-DISyncTask -TaskType $TaskType -Name $Name -FolderPath $FolderPath -Content $script:RealtimeRequest -ProjectId $ProjectId -Confirm:$false
    if ($Deploy -or $Start) { $null = $task | DataWorksDI\Publish-DIFile -Confirm:$false }
    if ($Start) { $null = $task | DataWorksDI\Start-DISyncInstance -Wait -Confirm:$false }
    $task
}

function New-SuiteSandbox {
    # A working directory holding the files the documentation's examples read (./ods_orders_daily.json, ./tasks.csv,
    # ...) and a home directory whose ~/.aliyun/config.json has the profiles they name (default, deploy, audit, prod),
    # all with the emulator's demo key; STS calls of RamRoleArn profiles go to the emulator.
    param([Parameter(Mandatory)] $Emulator)
    $root = Join-Path ([IO.Path]::GetTempPath()) ('dwdi-pester-' + [Guid]::NewGuid().ToString('N'))
    $work = Join-Path $root 'work'
    $home_ = Join-Path $root 'home'
    $null = New-Item -ItemType Directory -Force -Path $work, (Join-Path $home_ '.aliyun'), (Join-Path $work 'tasks')

    $orders = $script:BatchContent
    Set-Content -LiteralPath (Join-Path $work 'ods_orders_daily.json') -Value $orders -Encoding utf8
    Set-Content -LiteralPath (Join-Path $work 'orders.json') -Value $orders -Encoding utf8
    Set-Content -LiteralPath (Join-Path $work 'ods_users.json') -Value ($orders -replace 'orders', 'users') -Encoding utf8
    Set-Content -LiteralPath (Join-Path $work 'task.json') -Value $orders -Encoding utf8
    Set-Content -LiteralPath (Join-Path $work 'ods_orders_region.json') -Value ($orders -replace 'pt=\$\{bizdate\}', 'pt=${bizdate}/region=${region}') -Encoding utf8
    Set-Content -LiteralPath (Join-Path $work 'rt_orders_request.json') -Value $script:RealtimeRequest -Encoding utf8
    Set-Content -LiteralPath (Join-Path $work 'tasks/ods_customers.json') -Value $orders -Encoding utf8
    Set-Content -LiteralPath (Join-Path $work 'tasks/ods_broken.json') -Value '{"type":"job","version":"2.0","steps":[]}' -Encoding utf8
    @(
        [pscustomobject]@{ Name = 'ods_csv_orders'; FolderPath = 'Workflow/sales/Data_Integration'; TaskContent = $orders }
        [pscustomobject]@{ Name = 'ods_csv_refunds'; FolderPath = 'Workflow/sales/Data_Integration'; TaskContent = $orders }
    ) | Export-Csv -LiteralPath (Join-Path $work 'tasks.csv') -NoTypeInformation -Encoding utf8

    $sts = Invoke-RestMethod -Method Post -Uri ([Uri]::new([Uri]$Emulator.Endpoint, '_emulator/access-keys')) -ContentType 'application/json' -Body '{"securityToken":true}'
    @{ AccessKeyId = $sts.accessKeyId; AccessKeySecret = $sts.accessKeySecret; SecurityToken = $sts.securityToken } |
        ConvertTo-Json | Set-Content -LiteralPath (Join-Path $work 'sts.json') -Encoding utf8

    $ak = { param($name, $region) @{ name = $name; mode = 'AK'; access_key_id = $script:DemoAccessKeyId; access_key_secret = $script:DemoSecretText; region_id = $region } }
    $deploy = & $ak 'deploy' 'cn-hangzhou'
    $deploy.mode = 'RamRoleArn'
    $deploy.ram_role_arn = 'acs:ram::1234567890123456:role/deploy'
    $deploy.ram_session_name = 'pester'
    $deploy.sts_endpoint = $Emulator.Endpoint.ToString().TrimEnd('/')
    @{ current = 'default'; profiles = @((& $ak 'default' 'cn-hangzhou'), $deploy, (& $ak 'audit' 'cn-shanghai'), (& $ak 'prod' 'cn-shanghai')) } |
        ConvertTo-Json -Depth 5 | Set-Content -LiteralPath (Join-Path $home_ '.aliyun/config.json') -Encoding utf8

    [pscustomobject]@{ Root = $root; Work = $work; Home = $home_ }
}

function Enter-SuiteSandbox {
    # Moves into the sandbox and points the credential chain at its home; Exit-SuiteSandbox undoes both.
    param([Parameter(Mandatory)] $Sandbox)
    $script:SavedEnvironment = @{}
    foreach ($name in 'HOME', 'USERPROFILE', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_PROFILE', 'ALIBABA_CLOUD_ECS_METADATA_DISABLED') {
        $script:SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    $env:HOME = $Sandbox.Home
    $env:USERPROFILE = $Sandbox.Home
    $env:ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true'
    Remove-Item Env:ALIBABA_CLOUD_ACCESS_KEY_ID, Env:ALIBABA_CLOUD_ACCESS_KEY_SECRET, Env:ALIBABA_CLOUD_PROFILE -ErrorAction SilentlyContinue
    Push-Location -LiteralPath $Sandbox.Work -StackName DWDIPester
}

function Exit-SuiteSandbox {
    param($Sandbox)
    Pop-Location -StackName DWDIPester -ErrorAction SilentlyContinue
    if ($script:SavedEnvironment) {
        foreach ($name in $script:SavedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $script:SavedEnvironment[$name]) }
    }
    if ($Sandbox) { Remove-Item -LiteralPath $Sandbox.Root -Recurse -Force -ErrorAction SilentlyContinue }
}

function Get-MarkdownExample {
    # The ```powershell blocks of a markdown file (of its "## EXAMPLES" section for help files), with their titles.
    param([Parameter(Mandatory)] [string] $Path, [switch] $HelpExamples)
    $lines = Get-Content -LiteralPath $Path
    $inExamples = -not $HelpExamples
    $title = $null; $number = 0; $code = $null
    for ($i = 0; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($HelpExamples -and $line -match '^## ') { $inExamples = $line -eq '## EXAMPLES'; continue }
        if (-not $inExamples) { continue }
        if ($line -match '^#{2,3} (.+)$') { $title = $Matches[1] }
        if ($null -eq $code -and $line -match '^```powershell\s*$') { $code = New-Object System.Collections.Generic.List[string]; continue }
        if ($null -ne $code -and $line -match '^```\s*$') {
            $number++
            [pscustomobject]@{ Source = Split-Path $Path -Leaf; Number = $number; Title = $title; Code = ($code -join "`n"); Line = $i + 1 - $code.Count }
            $code = $null
            continue
        }
        if ($null -ne $code) { $code.Add($line) }
    }
}

function Get-HelpExampleCase {
    # The examples of docs/help/<Cmdlet>.md, each with its expectation; an example without one, or an expectation
    # without an example, stops discovery, so a new example cannot go untested. An expectation is a script block, or
    # @{ Given = { state the example assumes }; Expect = { ... } }.
    # -Markdown <repo-relative path> takes every powershell block of another document (the README).
    param([string] $Cmdlet, [Parameter(Mandatory)] [hashtable] $Expect, [string] $Markdown)
    if ($Markdown) { $examples = @(Get-MarkdownExample -Path (Join-Path $script:RepoRoot $Markdown)) }
    else { $examples = @(Get-MarkdownExample -Path (Join-Path $script:RepoRoot "docs/help/$Cmdlet.md") -HelpExamples) }
    $missing = @($examples | Where-Object { -not $Expect.ContainsKey($_.Number) } | ForEach-Object Number)
    $extra = @($Expect.Keys | Where-Object { $_ -notin $examples.Number })
    if ($missing -or $extra) { throw "$(if ($Markdown) { $Markdown } else { "docs/help/$Cmdlet.md" }): examples without an expectation: [$($missing -join ', ')]; expectations without an example: [$($extra -join ', ')]" }
    foreach ($e in $examples) {
        $x = $Expect[$e.Number]
        if ($x -is [hashtable]) { $given = $x.Given; $x = $x.Expect } else { $given = $null }
        @{ Source = $e.Source; Number = $e.Number; Title = $e.Title; Code = $e.Code; Given = $given; Expect = $x }
    }
}

function Split-Stream {
    # Splits everything a piece of code wrote (*>&1) into output and the other streams.
    param([object[]] $Records)
    $r = @{ Output = @(); Errors = @(); Warnings = @(); Verbose = @(); Debug = @(); Information = @() }
    foreach ($x in $Records) {
        if ($x -is [System.Management.Automation.ErrorRecord]) { $r.Errors += $x }
        elseif ($x -is [System.Management.Automation.WarningRecord]) { $r.Warnings += $x }
        elseif ($x -is [System.Management.Automation.VerboseRecord]) { $r.Verbose += $x }
        elseif ($x -is [System.Management.Automation.DebugRecord]) { $r.Debug += $x }
        elseif ($x -is [System.Management.Automation.InformationRecord]) { $r.Information += $x }
        else { $r.Output += $x }
    }
    $r
}

function Set-CloudRedirect {
    # Mocks for what an example needs from a person or the cloud: Connect-DIWorkspace goes to the emulator whatever
    # region (or VPC) it names, and so does the documented default emulator address http://127.0.0.1:8787; any other
    # -Endpoint (a TestKit emulator) is kept, and so is everything else (an explicit -Endpoint wins over -Region and
    # -Vpc). Get-Credential and Read-Host answer with the emulator's demo key.
    # Called from a BeforeAll, so the mocks last for the enclosing block.
    param([Parameter(Mandatory)] $Emulator)
    $redirect = [scriptblock]::Create(@"
        `$p = @{} + `$PesterBoundParameters
        if (-not `$p.ContainsKey('Endpoint') -or ([Uri] `$p.Endpoint).Authority -eq '127.0.0.1:8787') { `$p.Endpoint = '$($Emulator.Endpoint)' }
        # The cmdlet itself: Pester's mock also answers to the module-qualified name.
        & (Get-Command -Name Connect-DIWorkspace -Module DataWorksDI -CommandType Cmdlet) @p
"@)
    Mock Connect-DIWorkspace $redirect
    Mock Get-Credential { Get-DemoCredential }
    Mock Read-Host { Get-DemoSecret } -ParameterFilter { $AsSecureString }
}

function Invoke-ExampleCase {
    # Runs one documentation example as written (in this scope, so the variables it sets stay visible), then its
    # expectation, which sees $Output, $Errors, $Warnings, $Debug, $Verbose, $Thrown, $Requests and $Actions
    # (the API calls the emulator received meanwhile) and every variable the example set. The helper's own
    # variables have names no example uses.
    param([Parameter(Mandatory)] $__case, [Parameter(Mandatory)] $__emulator)
    if ($__case.Given) { . $__case.Given }
    $__mark = Get-RequestMark $__emulator
    $Thrown = $null
    $__records = @()
    try { $__records = @(. ([scriptblock]::Create($__case.Code)) *>&1) }
    catch { $Thrown = $_ }
    $__streams = Split-Stream $__records
    $Output = $__streams.Output; $Errors = $__streams.Errors; $Warnings = $__streams.Warnings
    $Debug = $__streams.Debug; $Verbose = $__streams.Verbose
    $Requests = @($__emulator | Get-DIEmulatorRequest -Since $__mark)
    $Actions = @($Requests | ForEach-Object action)
    if ($env:DWDI_PESTER_PROBE) {
        Write-Host ("--- {0} #{1}`nActions: {2}`nThrown: {3}`nErrors: {4}`nOutput:`n{5}" -f $__case.Source, $__case.Number, ($Actions -join ', '), $Thrown,
            (($Errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }) -join "`n"), ($Output | Format-List * | Out-String -Width 200))
    }
    # Unless the expectation is about them, an example throws nothing and writes no error.
    $__expect = $__case.Expect.ToString()
    if ($__expect -notmatch '\$Thrown') { $Thrown | Should -BeNullOrEmpty -Because 'the example should not throw' }
    if ($__expect -notmatch '\$Errors') { $Errors | Should -BeNullOrEmpty -Because 'the example should write no error' }
    . $__case.Expect
}
