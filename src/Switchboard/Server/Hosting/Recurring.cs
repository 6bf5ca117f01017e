namespace Switchboard.Server.Hosting;

/// <summary>Background work the server repeats on its own clock (retention sweeps, scheduled reports).</summary>
internal static class Recurring
{
    /// <summary>
    /// Runs <paramref name="work"/> at once and then every <paramref name="interval"/> of <paramref name="time"/> until
    /// stopped. A failed run is handed to <paramref name="failed"/> and does not end the work: a database briefly away
    /// must not stop it for good, and the next run does what this one could not.
    /// </summary>
    public static async Task RunAsync(TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> work, Action<Exception> failed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await work(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                failed(error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
