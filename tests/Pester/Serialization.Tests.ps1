# Outputs travel: through ConvertTo-Json/ConvertFrom-Json and Export-Csv/Import-Csv they keep what identifies them,
# and what comes back from JSON feeds the cmdlets again, acting on the same object.
BeforeDiscovery {
    $types = @(
        @{ Type = 'DIFile'; Get = { Get-DIFile -FileId $batch.FileId }; Keys = 'ProjectId', 'FileId', 'FileName' }
        @{ Type = 'DISyncTask'; Get = { $batch }; Keys = 'ProjectId', 'FileId', 'FileName' }
        @{ Type = 'DIDeployment'; Get = { Get-DIDeployment -DeploymentId $deploymentId }; Keys = 'ProjectId', 'DeploymentId', 'FileId' }
        @{ Type = 'DISyncInstance'; Get = { Get-DISyncInstance -FileId $realtime.FileId }; Keys = 'ProjectId', 'FileId', 'Name' }
        @{ Type = 'DISyncTaskConfig'; Get = { Get-DISyncTask -FileId $realtime.FileId }; Keys = 'ProjectId', 'FileId', 'Code' }
        @{ Type = 'DIWorkspace'; Get = { Get-DIWorkspace -ProjectId 12345 }; Keys = 'ProjectId', 'Identifier' }
    )
    # What a JSON round trip feeds back into, and the call that proves the same object was acted on.
    $feedback = @(
        @{ From = 'DIFile'; To = 'Get-DIFile'; Get = { Get-DIFile -FileId $batch.FileId }; Pipe = { $input | Get-DIFile }; Action = 'GetFile'; Check = { $_.FileId -eq $batch.FileId } }
        @{ From = 'DISyncTask'; To = 'Submit-DIFile'; Get = { $batch }; Pipe = { $input | Submit-DIFile }; Action = 'SubmitFile'; Check = { $_.FileId -eq $batch.FileId } }
        @{ From = 'DIDeployment'; To = 'Get-DIDeployment'; Get = { Get-DIDeployment -DeploymentId $deploymentId }; Pipe = { $input | Get-DIDeployment }; Action = 'GetDeployment'; Check = { $_.DeploymentId -eq $deploymentId } }
        @{ From = 'DIDeployment'; To = 'Wait-DIDeployment'; Get = { Get-DIDeployment -DeploymentId $deploymentId }; Pipe = { $input | Wait-DIDeployment }; Action = 'GetDeployment'; Check = { $_.Status -eq 'Succeeded' } }
        @{ From = 'DISyncInstance'; To = 'Get-DISyncInstance'; Get = { Get-DISyncInstance -FileId $realtime.FileId }; Pipe = { $input | Get-DISyncInstance }; Action = 'GetDISyncInstanceInfo'; Check = { $_.FileId -eq $realtime.FileId } }
        @{ From = 'DISyncTask (real-time)'; To = 'Get-DISyncTask'; Get = { $realtime }; Pipe = { $input | Get-DISyncTask }; Action = 'GetDISyncTask'; Check = { $_.Tables -contains 'orders' } }
        @{ From = 'DIWorkspace'; To = 'Get-DIWorkspace'; Get = { Get-DIWorkspace -ProjectId 12345 }; Pipe = { $input | Get-DIWorkspace }; Action = 'GetProject'; Check = { $_.ProjectId -eq 12345 } }
    )
}

BeforeAll {
    . $PSScriptRoot/Suite.ps1
    Import-SuiteModule
    $emulator = Start-SuiteEmulator
    Connect-Suite $emulator
    $batch = New-SuiteBatchTask -Name travel_batch -Submit
    $deploymentId = (Get-DIDeployment -List -ProjectId 12345 | Select-Object -First 1).DeploymentId
    $realtime = New-SuiteRealtimeTask -Name travel_realtime -Deploy
}

AfterAll { $emulator | Stop-DIEmulator }

Describe 'Serialization (Get-DIFile, Get-DIDeployment, Get-DISyncInstance, Get-DISyncTask, Get-DIWorkspace)' {
    It '<Type> keeps <Keys> through ConvertTo-Json/ConvertFrom-Json' -ForEach $types {
        $original = & $Get
        $back = $original | ConvertTo-Json -Depth 10 | ConvertFrom-Json
        foreach ($k in $Keys) { "$($back.$k)" | Should -Be "$($original.$k)" -Because "$k survives JSON" }
    }

    It '<Type> keeps <Keys> through Export-Csv/Import-Csv' -ForEach $types {
        $original = & $Get
        $path = Join-Path $TestDrive "$Type.csv"
        $original | Export-Csv -LiteralPath $path -NoTypeInformation
        $back = Import-Csv -LiteralPath $path
        foreach ($k in $Keys) { $back.$k | Should -Be "$($original.$k)" -Because "$k survives CSV" }
    }

    It '<From> read back from JSON feeds <To>' -ForEach $feedback {
        $json = & $Get | ConvertTo-Json -Depth 10
        $calls = $emulator | Get-DIEmulatorRequest -During { $script:result = @($json | ConvertFrom-Json | & $Pipe) }
        $result | Should -HaveCount 1 -Because 'one object in, one acted on: a record never widens into a listing'
        $result | Where-Object $Check | Should -HaveCount 1
        $calls.action | Should -Contain $Action
        $calls.action | Should -Not -Contain 'ListFiles'
    }
}
