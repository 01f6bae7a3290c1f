using ApprovalTests.Reporters;
using Functional.Tests.Shared.Approval;

// Every snapshot in this assembly fails with a unified diff and the approve command, locally and on any CI server.
[assembly: FrontLoadedReporter(typeof(UnifiedDiffReporter))]
