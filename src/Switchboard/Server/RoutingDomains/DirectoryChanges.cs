namespace Switchboard.Server.RoutingDomains;

/// <summary>
/// Lets one change of a queue's or agent's definition run at a time in this process. A change reads the row, checks the
/// caller's version, and then goes through the routing domain's writer, which stores the row with the engine's event;
/// two changes of one row read in parallel would both pass the check and the second would fail the writer's whole
/// batch. Changes are rare (an administrator's acts), so one gate for all is enough; a routing domain lives on one node,
/// so this stays right when domains are spread over several.
/// </summary>
internal sealed class DirectoryChanges : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Exit(gate);
    }

    public void Dispose() => gate.Dispose();

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
