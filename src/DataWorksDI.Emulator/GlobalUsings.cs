// Imported once for the whole emulator: the .NET namespaces almost every file uses. The emulator's own namespaces
// (Actions, Admin, Gateway, Metadata, Options, State, Sts) and the ASP.NET Core, SQLite and other .NET namespaces are
// imported by name in each file that uses them, so what a file depends on shows in its usings.
global using System;
global using System.Collections.Generic;
global using System.Globalization;
global using System.Linq;
global using System.Text.Json;
global using System.Text.Json.Nodes;
global using System.Threading.Tasks;
