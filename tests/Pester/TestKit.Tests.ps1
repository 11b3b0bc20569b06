# DataWorksDI.TestKit, as a user testing a runbook uses it.
BeforeAll {
    . $PSScriptRoot/Suite.ps1
    Import-SuiteModule
}

Describe 'Start-DIEmulator and Stop-DIEmulator' {
    It 'starts a ready emulator on a free port with a fresh data directory, and stop removes it' {
        $a = Start-DIEmulator
        $b = Start-DIEmulator
        try {
            $a.Endpoint.Port | Should -Not -Be $b.Endpoint.Port
            $a.DataDirectory | Should -Not -Be $b.DataDirectory
            (Invoke-RestMethod ([Uri]::new($a.Endpoint, '_emulator/health'))).status | Should -Be 'ok'
            (Invoke-RestMethod ([Uri]::new($a.Endpoint, '_emulator/health'))).lastRequestSequence | Should -Be 0 -Because 'a fresh emulator has received no call'
            $a.AccessKeyId | Should -Be 'LTAI5tDataWorksEmulatorDemo'
            $a.AccessKeySecret | Should -BeOfType [securestring]
        }
        finally {
            $a, $b | Stop-DIEmulator
        }
        Test-Path $a.LogDirectory | Should -BeFalse
        Get-Process -Id $a.ProcessId -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        { $a | Stop-DIEmulator } | Should -Not -Throw -Because 'stopping twice is harmless in AfterAll'
    }

    It 'keeps the data with -KeepData, and a new emulator on it sees what the first one stored' {
        $first = Start-DIEmulator
        try {
            $null = $first | Connect-DIEmulator
            $task = New-DISyncTask -Name kit_kept -FolderPath 'Workflow/new_biz/Data Integration' -Content $BatchContent -ResourceGroup 'S_res_group_280749521950784_1602767279794'
        }
        finally { $first | Stop-DIEmulator -KeepData }
        Test-Path $first.DataDirectory | Should -BeTrue
        $second = Start-DIEmulator -ArgumentList '--data-dir', $first.DataDirectory
        try {
            $null = $second | Connect-DIEmulator
            (Get-DIFile -FileId $task.FileId).FileName | Should -Be 'kit_kept'
        }
        finally {
            $second | Stop-DIEmulator
            Remove-Item -LiteralPath $first.LogDirectory -Recurse -Force
        }
    }

    It 'says how to get the emulator when there is none' {
        $saved = $env:DATAWORKSDI_EMULATOR
        $savedPath = $env:PATH
        try {
            Remove-Item Env:DATAWORKSDI_EMULATOR
            $env:PATH = ($env:PATH -split [IO.Path]::PathSeparator | Where-Object { -not (Test-Path (Join-Path $_ 'dataworks-emulator')) }) -join [IO.Path]::PathSeparator
            { Start-DIEmulator } | Should -Throw '*dotnet tool install --global DataWorksDI.Emulator*'
            { Start-DIEmulator -Path (Join-Path $TestDrive 'nothing.dll') } | Should -Throw '*was not found*'
        }
        finally {
            $env:DATAWORKSDI_EMULATOR = $saved
            $env:PATH = $savedPath
        }
    }

    It 'reports an emulator that cannot start, with its error output, and leaves nothing behind' {
        $before = @(Get-ChildItem ([IO.Path]::GetTempPath()) -Filter 'dataworks-emulator-*' -Directory).Count
        { Start-DIEmulator -ArgumentList '--deployment-delay', 'soon' } | Should -Throw '*exited with code*'
        @(Get-ChildItem ([IO.Path]::GetTempPath()) -Filter 'dataworks-emulator-*' -Directory).Count | Should -Be $before
    }

    It 'stops the emulator with one kill of its own process, never a tree kill (which first SIGSTOPs it on Unix)' -Skip:(-not (Test-Path /proc/self/stat)) {
        # A tree kill would end this shell's child too; a plain Kill() ends only the process it was given. The emulator
        # has no children, so the tree kill bought nothing and could leave it stopped (state T) for good.
        $psi = [Diagnostics.ProcessStartInfo]::new('sh', '-c "sleep 60 & echo $!; wait"')
        $psi.RedirectStandardOutput = $true
        $psi.UseShellExecute = $false
        $shell = [Diagnostics.Process]::Start($psi)
        $childId = [int]$shell.StandardOutput.ReadLine()
        try {
            & (Get-Module DataWorksDI.TestKit) { param($p) Stop-EmulatorProcess $p } $shell
            $shell.HasExited | Should -BeTrue
            # Alive and not a zombie (state Z: killed, waiting to be reaped), from /proc/<pid>/stat's third field.
            $state = ((Get-Content "/proc/$childId/stat" -ErrorAction SilentlyContinue) -split ' ')[2]
            $state | Should -BeIn 'S', 'R' -Because 'only the given process is killed, not its children'
        }
        finally {
            Stop-Process -Id $childId -Force -ErrorAction SilentlyContinue
            $shell.Dispose()
        }
    }

    It 'passes -ConfigPath and the delays through' {
        $config = Join-Path $TestDrive 'config.json'
        '{"workspaces":[{"projectId":20000,"identifier":"team_ws","name":"Team","mode":"basic"}]}' | Set-Content -LiteralPath $config
        $e = Start-DIEmulator -ConfigPath $config
        try {
            $null = $e | Connect-DIEmulator -ProjectId 20000
            (Get-DIWorkspace -ProjectId 20000).Mode | Should -Be 'Basic'
        }
        finally { $e | Stop-DIEmulator }
    }
}

Describe 'Connect-DIEmulator and Get-DIEmulatorRequest' {
    BeforeAll { $emulator = Start-DIEmulator }
    AfterAll { $emulator | Stop-DIEmulator }

    It 'connects the session to the emulator''s workspace with its demo key' {
        $context = $emulator | Connect-DIEmulator -ProjectId 10001
        $context.Endpoint | Should -Be $emulator.Endpoint
        (Get-DIContext).ProjectId | Should -Be 10001
        (Get-DIWorkspace -ProjectId 10001).Mode | Should -Be 'Basic'
    }

    It 'returns the calls made while a script block ran, and the variables it set stay visible' {
        $null = $emulator | Connect-DIEmulator
        $calls = $emulator | Get-DIEmulatorRequest -During { $workspace = Get-DIWorkspace -ProjectId 10000; Get-DIFile -Keyword nothing_like_this }
        $calls.action | Should -Be @('GetProject', 'ListFiles')
        $workspace.ProjectId | Should -Be 10000
        $calls[0].accessKeyId | Should -Be $emulator.AccessKeyId
    }

    It 'filters by action and by sequence' {
        $mark = (Get-DIEmulatorRequest -Emulator $emulator | Select-Object -Last 1).sequence
        $null = Get-DIWorkspace
        $null = Get-DIWorkspace -List
        # Get-DIWorkspace lists and completes each workspace with GetProject: the emulator's 6 but 10000, which this
        # context read in the test before; -List then finds every workspace read and only lists.
        (Get-DIEmulatorRequest -Emulator $emulator -Since $mark).action | Should -Be (@('ListProjects') + @('GetProject') * 5 + @('ListProjects'))
        (Get-DIEmulatorRequest -Emulator $emulator -Since $mark -Action ListProjects).action | Should -Be @('ListProjects', 'ListProjects')
        (Get-DIEmulatorRequest -Emulator $emulator -Since $mark -Action GetProject).action | Should -Be (@('GetProject') * 5)
    }

    It 'never shows the secret' {
        ($emulator | Format-List * | Out-String) | Should -Not -Match 'DataWorksEmulatorDemoSecret'
        ($emulator | Select-Object * -ExcludeProperty Process | ConvertTo-Json) | Should -Not -Match 'DataWorksEmulatorDemoSecret'
    }
}
