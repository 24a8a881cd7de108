// Linked into both test projects (Chengguan.Tests, Chengguan.BrowserTests): one rule for what a test may skip.
namespace Chengguan.Testing;

/// <summary>
/// Tests that need something outside the .NET SDK (a PostgreSQL server, Chromium) skip with a one-line reason
/// on a developer's machine, and fail under CI=true, where .ci/run provides everything and requires 0 skipped.
/// </summary>
public static class Requirements
{
    public static bool InCi { get; } = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Require([System.Diagnostics.CodeAnalysis.DoesNotReturnIf(false)] bool available, string reason)
    {
        if (available)
        {
            return;
        }
        if (InCi)
        {
            Assert.Fail($"{reason} CI=true requires it.");
        }
        Assert.Skip(reason);
    }
}
