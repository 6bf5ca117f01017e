using Switchboard.Calendars;

namespace Switchboard.ServiceLevels;

/// <summary>
/// The service-level clock of one case or complaint: the fold of its <see cref="ClockEvent"/>s under a
/// <see cref="ClockPolicy"/>, read at any instant. Shared by cases and complaints; all time is passed in.
/// </summary>
/// <remarks>
/// Evaluation is the breach monitor's hot path: reading a running business-time target is two binary searches of
/// its calendar's <see cref="BusinessTimeline"/>, because each run's due instant is worked out once when the run
/// starts.
/// </remarks>
public sealed class ServiceClock
{
    const long None = long.MaxValue;

    readonly BusinessCalendars calendars;
    ClockPolicy policy;
    BusinessTimeline business;
    BusinessTimeline businessDates;
    Track[] tracks;
    long lastAt = long.MinValue;

    public ServiceClock(ClockPolicy policy, BusinessCalendars calendars)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(calendars);
        this.calendars = calendars;
        this.policy = policy;
        business = calendars.For(policy.Calendar);
        businessDates = calendars.DatesFor(policy.Calendar);
        tracks = NewTracks(policy.TargetCount);
    }

    /// <summary>The policy in force.</summary>
    public ClockPolicy Policy => policy;

    /// <summary>Why the clock is paused, or null while it is not.</summary>
    public PauseReason? PausedFor { get; private set; }

    /// <summary>Folds one event into the clock. Events come in the order they happened.</summary>
    /// <exception cref="InvalidOperationException">The event cannot happen in the clock's state (a bug in the caller).</exception>
    public void Apply(ClockEvent clockEvent)
    {
        ArgumentNullException.ThrowIfNull(clockEvent);
        var at = clockEvent.At.UtcTicks;
        switch (clockEvent)
        {
            case ClockEvent.Started started when policy.IndexOf(started.Target) is var i and >= 0:
                Require(i, TargetStatus.NotStarted, clockEvent);
                tracks[i] = Track.NotStarted;
                Run(i, at);
                break;
            case ClockEvent.Met met when policy.IndexOf(met.Target) is var i and >= 0:
                if (tracks[i].Status == TargetStatus.Running)
                {
                    EndRun(i, at);
                }

                Require(i, TargetStatus.Paused, clockEvent);
                tracks[i].Status = TargetStatus.Met;
                break;
            case ClockEvent.Paused paused:
                if (PausedFor is not null)
                {
                    throw new InvalidOperationException($"The clock is already paused ({PausedFor}).");
                }

                for (var i = 0; i < tracks.Length; i++)
                {
                    if (tracks[i].Status == TargetStatus.Running)
                    {
                        EndRun(i, at);
                    }
                }

                PausedFor = paused.Reason;
                break;
            case ClockEvent.Resumed:
                if (PausedFor is null)
                {
                    throw new InvalidOperationException("The clock is not paused.");
                }

                PausedFor = null;
                for (var i = 0; i < tracks.Length; i++)
                {
                    if (tracks[i].Status == TargetStatus.Paused)
                    {
                        Run(i, at);
                    }
                }

                break;
            case ClockEvent.Reopened reopened when policy.IndexOf(reopened.Target) is var i and >= 0:
                Require(i, TargetStatus.Met, clockEvent);
                if (reopened.Rule == ReopenRule.Restart)
                {
                    tracks[i] = Track.NotStarted;
                }

                Run(i, at);
                break;
            case ClockEvent.PolicyChanged changed:
                ChangePolicy(changed.Policy, at);
                break;
            case ClockEvent.Warned warned when policy.IndexOf(warned.Target) is var i and >= 0:
                if (policy.WarningIndex(warned.Fraction) is var w and >= 0)
                {
                    tracks[i].Warned |= 1u << w;
                }

                break;
            case ClockEvent.Breached breached when policy.IndexOf(breached.Target) is var i and >= 0:
                tracks[i].BreachRecorded = true;
                break;
            default:
                break;
        }

        lastAt = Math.Max(lastAt, at);
    }

    /// <summary>Reads one target at an instant (see <see cref="Evaluate"/>).</summary>
    public ClockReading Read(ClockTargetId target, DateTimeOffset at)
    {
        var i = policy.IndexOf(target);
        if (i < 0)
        {
            throw new ArgumentException($"The policy has no target '{target}'.", nameof(target));
        }

        CheckNotBeforeLastEvent(at);
        return Reading(i, at.UtcTicks, out _);
    }

    /// <summary>
    /// Reads every target at <paramref name="at"/> into <paramref name="readings"/> (in the policy's order; it needs
    /// room for every target) and adds to <paramref name="newEvents"/> the warnings and breaches reached but not yet
    /// recorded, for the host to append to the clock's log and apply. Returns how many targets were read.
    /// </summary>
    /// <remarks>A target that is breached raises its breach and no further warnings; a met target raises only a
    /// breach that was never recorded.</remarks>
    public int Evaluate(DateTimeOffset at, Span<ClockReading> readings, ICollection<ClockEvent> newEvents)
    {
        ArgumentNullException.ThrowIfNull(newEvents);
        CheckNotBeforeLastEvent(at);
        var count = tracks.Length;
        if (readings.Length < count)
        {
            throw new ArgumentException($"Room for {count} readings is needed.", nameof(readings));
        }

        var ticks = at.UtcTicks;
        for (var i = 0; i < count; i++)
        {
            var reading = Reading(i, ticks, out var passed);
            readings[i] = reading;
            ref var track = ref tracks[i];
            if (reading.Breached)
            {
                if (!track.BreachRecorded)
                {
                    newEvents.Add(new ClockEvent.Breached(at, reading.Target, reading.DueAt!.Value));
                }
            }
            else if (reading.Status != TargetStatus.Met && (passed & ~track.Warned) != 0)
            {
                for (var w = 0; w < policy.WarningCount; w++)
                {
                    if ((passed & ~track.Warned & (1u << w)) != 0)
                    {
                        newEvents.Add(new ClockEvent.Warned(at, reading.Target, policy.Warnings[w]));
                    }
                }
            }
        }

        return count;
    }

    ClockReading Reading(int i, long at, out uint passed)
    {
        ref readonly var track = ref tracks[i];
        var target = policy.Target(i);
        long elapsed;
        bool breached;
        if (track.Status == TargetStatus.Running)
        {
            elapsed = track.Elapsed + Timeline(i).OpenTicksBetween(track.RunSince, at);
            breached = track.Due != None && at > track.Due;
        }
        else
        {
            elapsed = track.Elapsed;
            breached = track.Over;
        }

        passed = 0;
        for (var w = 0; w < policy.WarningCount; w++)
        {
            if (elapsed >= policy.Threshold(i, w))
            {
                passed |= 1u << w;
            }
        }

        var due = track.Due == None ? (DateTimeOffset?)null : new DateTimeOffset(track.Due, TimeSpan.Zero);
        return new ClockReading(target.Id, track.Status, target.Limit, TimeSpan.FromTicks(elapsed), due, System.Numerics.BitOperations.PopCount(passed), breached);
    }

    BusinessTimeline Timeline(int i) => policy.Target(i).Timekeeping switch
    {
        Timekeeping.BusinessTime => business,
        Timekeeping.BusinessDays => businessDates,
        _ => BusinessTimeline.AlwaysOpen,
    };

    // Starts counting target i at an instant, or leaves it paused while the clock is; works out when it falls due.
    void Run(int i, long at)
    {
        ref var track = ref tracks[i];
        if (PausedFor is not null)
        {
            track.Status = TargetStatus.Paused;
            return;
        }

        track.Status = TargetStatus.Running;
        track.RunSince = at;
        var limit = policy.Target(i).Limit.Ticks;
        if (track.Elapsed < limit)
        {
            track.Due = Timeline(i).AddOpenTicks(at, limit - track.Elapsed);
        }
        else if (!track.Over)
        {
            // Exactly at the limit: any further time counted breaches it.
            track.Due = at;
        }
    }

    // Stops counting target i at an instant (it becomes paused until told otherwise).
    void EndRun(int i, long at)
    {
        ref var track = ref tracks[i];
        track.Elapsed += Timeline(i).OpenTicksBetween(track.RunSince, at);
        if (track.Due != None && at > track.Due)
        {
            track.Over = true;
        }
        else if (track.Elapsed < policy.Target(i).Limit.Ticks)
        {
            track.Due = None;
        }

        track.Status = TargetStatus.Paused;
    }

    void ChangePolicy(ClockPolicy next, long at)
    {
        ArgumentNullException.ThrowIfNull(next);
        var running = new bool[next.TargetCount];
        var carried = NewTracks(next.TargetCount);
        for (var j = 0; j < next.TargetCount; j++)
        {
            var i = policy.IndexOf(next.Target(j).Id);
            if (i < 0)
            {
                continue;
            }

            if (tracks[i].Status == TargetStatus.Running)
            {
                EndRun(i, at);
                running[j] = true;
            }

            var track = tracks[i];
            var limit = next.Target(j).Limit.Ticks;
            if (limit != policy.Target(i).Limit.Ticks)
            {
                track.Over = track.Elapsed > limit;
                track.Due = track.Elapsed >= limit ? at : None;
                track.BreachRecorded &= track.Over;
            }

            // A warning stays recorded only where the new policy has it and it is still passed.
            uint warned = 0;
            for (var w = 0; w < next.WarningCount; w++)
            {
                var old = policy.WarningIndex(next.Warnings[w]);
                if (old >= 0 && (track.Warned & (1u << old)) != 0 && track.Elapsed >= next.Threshold(j, w))
                {
                    warned |= 1u << w;
                }
            }

            track.Warned = warned;
            carried[j] = track;
        }

        policy = next;
        business = calendars.For(next.Calendar);
        businessDates = calendars.DatesFor(next.Calendar);
        tracks = carried;
        for (var j = 0; j < tracks.Length; j++)
        {
            if (running[j])
            {
                Run(j, at);
            }
        }
    }

    void Require(int i, TargetStatus status, ClockEvent clockEvent)
    {
        if (tracks[i].Status != status)
        {
            throw new InvalidOperationException($"{clockEvent.GetType().Name} cannot happen to '{policy.Target(i).Id}' while it is {tracks[i].Status}.");
        }
    }

    void CheckNotBeforeLastEvent(DateTimeOffset at)
    {
        if (at.UtcTicks < lastAt)
        {
            throw new ArgumentOutOfRangeException(nameof(at), "A clock is read at or after its last event.");
        }
    }

    static Track[] NewTracks(int count)
    {
        var tracks = new Track[count];
        Array.Fill(tracks, Track.NotStarted);
        return tracks;
    }

    // One target's state. Elapsed counts finished runs; Due is the instant the limit is (or was) reached, None when
    // unknown; Over says a finished run went past Due.
    struct Track
    {
        public TargetStatus Status;
        public long Elapsed;
        public long RunSince;
        public long Due;
        public uint Warned;
        public bool Over;
        public bool BreachRecorded;

        public static Track NotStarted => new() { Status = TargetStatus.NotStarted, Due = None };
    }
}
