namespace Switchboard.Server.RoutingDomains;

/// <summary>A piece of work for a routing domain's writer. Its result is released only after the events it caused are
/// stored, so no caller ever sees an effect that a crash could take back.</summary>
internal abstract class DomainWork
{
    public abstract void Run(DomainBatch batch);

    public abstract void Release();

    public abstract void Fail(Exception error);
}

internal sealed class DomainWork<T>(Func<DomainBatch, T> work) : DomainWork
{
    private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private T? result;

    public Task<T> Task => completion.Task;

    public override void Run(DomainBatch batch) => result = work(batch);

    public override void Release() => completion.TrySetResult(result!);

    public override void Fail(Exception error) => completion.TrySetException(error);
}

/// <summary>The writer could not store a batch (the database refused or went away). Nothing of it took effect.</summary>
internal sealed class DomainUnavailableException(string domain, Exception inner)
    : Exception($"Routing domain '{domain}' could not store its events; nothing was changed. Try again.", inner);
