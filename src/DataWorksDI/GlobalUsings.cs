// Imported once for the whole module: the .NET and PowerShell namespaces almost every file uses, and the module's three
// bottom layers, which every layer may use (Models: output types and enums; Errors: the ErrorId catalogue and the
// module's exceptions; Internal: JSON readers, the enum <-> wire mapping, the poller). The other layers (Client, Session,
// Services, Workflows, Cmdlets, Validation) are imported by name in each file, so a dependency that points the wrong way
// shows in the file's usings (docs/ARCHITECTURE.md; ArchitectureTests checks the direction).
global using System;
global using System.Collections.Generic;
global using System.Linq;
global using System.Management.Automation;
global using System.Threading;
global using System.Threading.Tasks;
global using DataWorksDI.Errors;
global using DataWorksDI.Internal;
global using DataWorksDI.Models;
global using Newtonsoft.Json.Linq;
