namespace Switchboard.Planning.Staffing;

/// <summary>
/// Staffing for chat, where an agent holds up to k conversations at once.
/// </summary>
/// <remarks>
/// <para><b>Model:</b> M/M/(N·k) with the handle time stretched by concurrency. Each agent is k independent slots; a chat
/// occupies one slot for its handle time <i>at that concurrency</i> (AHTₖ: chats run side by side take longer each than
/// one chat alone, because the agent's attention is shared). The slots are staffed with the chosen queue model, then
/// agents = ⌈slots / k⌉.</para>
/// <para><b>Assumptions:</b> a chat's handle time does not depend on how many chats its agent holds at that moment
/// (AHTₖ is the average measured at the usual concurrency, so agents holding fewer chats are treated as slower than they
/// are: pessimistic at light load); any free slot can take the next chat (routing spreads chats across agents, so a free
/// slot exists whenever fewer than N·k chats are in progress: optimistic when routing fills one agent before the next).
/// Occupancy in the result is per slot. A better model would let the handle rate depend on the agent's current number of
/// chats (a quasi-birth–death process); this one needs only the one measured AHTₖ.</para>
/// </remarks>
public static class ChatConcurrency
{
    /// <summary>The agents needed for <paramref name="target"/> when each handles up to <paramref name="concurrency"/> chats.</summary>
    /// <param name="traffic">Chats per interval, with <see cref="IntervalTraffic.AverageHandleTime"/> the handle time of one chat when run at <paramref name="concurrency"/>.</param>
    /// <param name="concurrency">k, the most chats one agent holds at once (≥ 1; 1 is ordinary voice-like staffing).</param>
    /// <returns>The agents, and the slot-level performance they give (its <see cref="QueuePerformance.Agents"/> counts slots).</returns>
    public static (int Agents, QueuePerformance Slots) Staff(QueueModel model, IntervalTraffic traffic, int concurrency, StaffingTarget target, double? maximumOccupancy = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var slots = StaffingCalculator.Staff(model, traffic, target, maximumOccupancy);
        var agents = (slots.Agents + concurrency - 1) / concurrency;
        return (agents, model.Evaluate(Math.Max(1, agents * concurrency), traffic, slots.Threshold));
    }
}
