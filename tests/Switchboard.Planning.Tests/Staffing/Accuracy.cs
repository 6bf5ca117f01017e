namespace Switchboard.Tests.Staffing;

/// <summary>The accuracy the staffing maths promises: 1e-9 relative, or 1e-15 absolute for values below 1e-6 (where a
/// probability is negligible and its relative error meaningless).</summary>
internal static class Accuracy
{
    public static bool Close(double exact, double fast) =>
        double.IsFinite(fast) && Math.Abs(fast - exact) <= (Math.Abs(exact) < 1e-6 ? 1e-15 : 1e-9 * Math.Abs(exact));

    /// <summary>A duration is held in 100 ns ticks, so it is as close as its type allows: within a tick or 1e-9 relative.</summary>
    public static void AssertClose(double exactSeconds, TimeSpan fast, string what) =>
        Assert.True(
            Math.Abs(fast.TotalSeconds - exactSeconds) <= Math.Max(1e-7, 1e-9 * exactSeconds),
            $"{what}: exact {exactSeconds:R} s, fast {fast.TotalSeconds:R} s");

    public static void AssertClose(double exact, double fast, string what) =>
        Assert.True(Close(exact, fast), $"{what}: exact {exact:R}, fast {fast:R}, relative error {Math.Abs(fast - exact) / Math.Abs(exact):E2}");
}
