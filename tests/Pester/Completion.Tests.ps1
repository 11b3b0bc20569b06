# Tab completion as a user meets it (TabExpansion2 in real pwsh), against the emulator's demo tenant: each completer
# offers what the workspace or the user's configuration has, narrowed by the other parameters on the line, each list
# read once per context however often Tab is pressed (the emulator's request log of the context's own key).
BeforeAll {
    . $PSScriptRoot/Suite.ps1
    Import-SuiteModule
    $emulator = Start-SuiteEmulator
    Connect-Suite $emulator
    $seedFolder = 'Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration'

    function Complete([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
    }

    function CompleteSome([string] $Line) {
        # Under load a first Tab may exceed the completers' time box and answer nothing while its read goes on filling
        # the catalogue: the next Tab then answers from the catalogue without another call.
        $watch = [Diagnostics.Stopwatch]::StartNew()
        while ($true) {
            $offered = Complete $Line
            if ($offered.Count -gt 0 -or $watch.Elapsed.TotalSeconds -gt 60) { return $offered }
            Start-Sleep -Milliseconds 500
        }
    }

    function Connect-Fresh([long] $ProjectId = 181565) {
        # A session context of its own with a key of its own: an empty catalogue, and its calls told apart in the log.
        $key = New-SuiteAccessKey $emulator
        $null = Connect-DIWorkspace -Endpoint $emulator.Endpoint -ProjectId $ProjectId -AccessKeyId $key.AccessKeyId -AccessKeySecret $key.AccessKeySecret
        [pscustomobject]@{ KeyId = $key.AccessKeyId; Mark = Get-RequestMark $emulator }
    }

    function Get-KeyAction($Fresh) {
        @($emulator | Get-DIEmulatorRequest -Since $Fresh.Mark | Where-Object accessKeyId -EQ $Fresh.KeyId | ForEach-Object action)
    }
}

AfterAll { $emulator | Stop-DIEmulator }

Describe 'Tab completion (New-DISyncTask, Set-DISyncTask, Test-DISyncTaskContent, Set-DIFileSchedule, Get-DIFile, Get-DISyncTask, Start-DISyncInstance, Get-DIDeployment, Connect-DIWorkspace, Get-DIScheduleTime)' {
    AfterEach { Connect-Suite $emulator }

    It '-ResourceGroup offers the normal Data Integration groups, from one ListResourceGroups' {
        $fresh = Connect-Fresh
        $offered = CompleteSome 'New-DISyncTask -ResourceGroup S_res'
        $offered | Should -Contain 'S_res_group_XXX'
        $offered | Should -Contain 'S_res_group_280749521950784_1602767279794'
        $offered | Should -Not -Contain 'S_res_group_expired_di' -Because 'a stopped group: a task on it would not run'
        $offered | Should -Not -Contain 'default_group' -Because 'a scheduling group'
        Complete 'Set-DISyncTask -ResourceGroup S_res_group_XXX' | Should -Be @('S_res_group_XXX', 'S_res_group_XXX_XXXX')
        Complete 'Test-DISyncTaskContent -ResourceGroup S_res_group_X' | Should -Contain 'S_res_group_XXX'
        Get-KeyAction $fresh | Should -Be @('ListResourceGroups')
    }

    It '-ResourceGroupIdentifier offers the scheduling groups, shared and exclusive' {
        $fresh = Connect-Fresh
        $offered = CompleteSome 'Set-DIFileSchedule -FileId 1 -ResourceGroupIdentifier '
        $offered | Should -Contain 'default_group'
        $offered | Should -Contain 'S_res_group_280749521950784_1623033752022' -Because 'exclusive scheduling (type 7)'
        $offered | Should -Not -Contain 'S_res_group_XXX_XXXX' -Because 'a Data Integration group'
        $null = Complete 'Set-DIFileSchedule -FileId 1 -ResourceGroupIdentifier def'
        Get-KeyAction $fresh | Should -Be @('ListResourceGroups', 'ListResourceGroups') -Because 'types 1 and 7, once each'
    }

    It '-FolderPath completes one level a Tab, quoted where needed; New-DISyncTask offers Data Integration folders only' {
        $fresh = Connect-Fresh
        $roots = CompleteSome 'Get-DIFile -FolderPath '
        $roots | Should -Contain 'Workflow'
        $roots | Should -Contain "'Business Flow'"
        CompleteSome 'Get-DIFile -FolderPath Workflow/' | Should -Be @('Workflow/Automated_Testing_Workspace_Do_Not_Modify', 'Workflow/new_biz')
        CompleteSome 'Get-DIFile -FolderPath Workflow/new_biz/' | Should -Be @("'Workflow/new_biz/Data Integration'", 'Workflow/new_biz/MaxCompute')
        Complete 'New-DISyncTask -FolderPath Workflow/new_biz/' | Should -Be @("'Workflow/new_biz/Data Integration'")
        Complete "New-DISyncTask -FolderPath 'Workflow/new_biz/Da" | Should -Be @("'Workflow/new_biz/Data Integration'")
        @(Get-KeyAction $fresh | Where-Object { $_ -eq 'ListFolders' }) | Should -HaveCount 3 -Because '"/", "Workflow", "Workflow/new_biz": one call each'
    }

    It '-FileId offers the sync tasks (real-time ones for the real-time cmdlets); -Name is narrowed by -FolderPath' {
        $null = Connect-Fresh
        $batch = New-SuiteBatchTask -Name tab_task -ProjectId 181565 -FolderPath $seedFolder
        $realtime = New-SuiteRealtimeTask -Name tab_task_rt -ProjectId 181565 -FolderPath $seedFolder
        $before = Get-RequestMark $emulator
        $all = CompleteSome 'Get-DIFile -FileId '
        $all | Should -Contain "$($batch.FileId)"
        $all | Should -Contain "$($realtime.FileId)"
        $realtimeOnly = Complete 'Get-DISyncTask -FileId '
        $realtimeOnly | Should -Contain "$($realtime.FileId)"
        $realtimeOnly | Should -Not -Contain "$($batch.FileId)"
        Complete 'Start-DISyncInstance -FileId tab_task' | Should -Be @("$($realtime.FileId)") -Because 'a name picks the id'
        $folder = $seedFolder
        Complete 'Get-DIFile -FolderPath $folder -Name tab_task' | Should -Be @('tab_task', 'tab_task_rt')
        Complete "Get-DIFile -FolderPath 'Workflow/new_biz/Data Integration' -Name tab_task" | Should -BeNullOrEmpty
        @($emulator | Get-DIEmulatorRequest -Since $before | Where-Object action -EQ ListFiles) | Should -HaveCount 1
    }

    It '-ProjectId offers the workspaces, by id or identifier' {
        $fresh = Connect-Fresh
        CompleteSome 'Get-DIFile -ProjectId 1815' | Should -Be @('181565')
        Complete 'Get-DIDeployment -ProjectId emulator_ba' | Should -Be @('10001')
        Complete 'Connect-DIWorkspace -ProjectId 1' | Should -Contain '10000'
        Get-KeyAction $fresh | Should -Be @('ListProjects')
    }

    It '-InputList offers the root output and the sync tasks'' default outputs' {
        $null = Connect-Fresh
        $null = New-SuiteBatchTask -Name tab_upstream -ProjectId 181565 -FolderPath $seedFolder
        CompleteSome 'Set-DIFileSchedule -FileId 1 -InputList dataworks_di_autotest_r' | Should -Be @('dataworks_di_autotest_root')
        Complete 'Set-DIFileSchedule -FileId 1 -InputList tab_upstream' | Should -Be @('dataworks_di_autotest.tab_upstream')
    }

    It '-Context narrows the completion to that context''s workspace and catalogue' {
        $otherKey = New-SuiteAccessKey $emulator
        $other = Connect-DIWorkspace -Endpoint $emulator.Endpoint -ProjectId 10001 -AccessKeyId $otherKey.AccessKeyId -AccessKeySecret $otherKey.AccessKeySecret
        $fresh = Connect-Fresh
        $otherMark = $fresh.Mark
        # Only workspace 10001's outputs (its root, and the default outputs of sync tasks made there), never the
        # session's own workspace's.
        $offered = CompleteSome 'Set-DIFileSchedule -Context $other -FileId 1 -InputList emu'
        $offered | Should -Contain 'emulator_basic_root'
        $offered | Where-Object { $_ -notlike 'emulator_basic*' } | Should -BeNullOrEmpty
        Get-KeyAction $fresh | Should -BeNullOrEmpty -Because 'the session''s own key made no call'
        @($emulator | Get-DIEmulatorRequest -Since $otherMark | Where-Object accessKeyId -EQ $otherKey.AccessKeyId).action | Should -Contain 'ListProjects'
    }

    It '-Region offers the regions DataWorks serves, offline' {
        $calls = $emulator | Get-DIEmulatorRequest -During {
            Complete 'Connect-DIWorkspace -Region cn-shang' | Should -Be @('cn-shanghai', 'cn-shanghai-finance-1')
            Complete 'Get-DIFile -Region ap-southeast' | Should -Be @('ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-5')
        }
        $calls | Should -BeNullOrEmpty
    }

    It '-TimeZone offers the system''s time zones' {
        $expected = if ([TimeZoneInfo]::GetSystemTimeZones().Id -contains 'Asia/Shanghai') { 'Asia/Shanghai' } else { "'China Standard Time'" }
        Complete ("Get-DIScheduleTime -Cron '00 00 05 * * ?' -TimeZone " + $expected.Trim("'").Substring(0, 5)) | Should -Contain $expected
    }

    It 'not connected, the online completers answer nothing, quietly' {
        Disconnect-DIWorkspace
        $records = @(Complete 'New-DISyncTask -ResourceGroup ' *>&1) + @(Complete 'Get-DIFile -FileId ' *>&1)
        $records | Should -BeNullOrEmpty
    }

    It '-ProfileName offers the profiles of ~/.aliyun/config.json and ~/.alibabacloud/credentials.ini, but not disabled sections' {
        $home_ = Join-Path $TestDrive 'home'
        $null = New-Item -ItemType Directory -Force -Path (Join-Path $home_ '.aliyun'), (Join-Path $home_ '.alibabacloud')
        @{ current = 'dev'; profiles = @(
                @{ name = 'dev'; mode = 'AK'; access_key_id = 'LTAI5tExampleKeyId0001'; access_key_secret = 'example-secret-value-0001'; region_id = 'cn-hangzhou' }
                @{ name = 'prod'; mode = 'AK'; access_key_id = 'LTAI5tExampleKeyId0002'; access_key_secret = 'example-secret-value-0002'; region_id = 'cn-shanghai' }) } |
            ConvertTo-Json -Depth 4 | Set-Content -LiteralPath (Join-Path $home_ '.aliyun/config.json')
        "[ci]`ntype = access_key`naccess_key_id = LTAI5tExampleKeyId0003`naccess_key_secret = example-secret-value-0003`n[old]`nenable = false`ntype = access_key`n" |
            Set-Content -LiteralPath (Join-Path $home_ '.alibabacloud/credentials.ini') -NoNewline
        $saved = $env:HOME, $env:USERPROFILE, $env:ALIBABA_CLOUD_CREDENTIALS_FILE, $env:ALIBABA_CLOUD_CONFIG_FILE
        try {
            $env:HOME = $home_; $env:USERPROFILE = $home_
            Remove-Item Env:ALIBABA_CLOUD_CREDENTIALS_FILE, Env:ALIBABA_CLOUD_CONFIG_FILE -ErrorAction SilentlyContinue
            Complete 'Get-DIFile -ProfileName ' | Sort-Object | Should -Be @('ci', 'dev', 'prod')
            Complete 'Connect-DIWorkspace -ProfileName pr' | Should -Be @('prod')
        }
        finally { $env:HOME, $env:USERPROFILE, $env:ALIBABA_CLOUD_CREDENTIALS_FILE, $env:ALIBABA_CLOUD_CONFIG_FILE = $saved }
    }
}
