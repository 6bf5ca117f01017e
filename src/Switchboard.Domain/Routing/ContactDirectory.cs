namespace Switchboard.Routing;

/// <summary>
/// Where each contact id stands: the live slot it occupies, its position among the finished contacts still kept, or
/// nowhere (never seen, or forgotten).
/// </summary>
/// <remarks>
/// The engine hands out contact ids in order, so instead of hashing them the directory keeps one entry per id in
/// pages of 4,096 consecutive ids: a look-up is two array reads, recent contacts share a few pages in cache, and a
/// page is dropped once every contact in it is forgotten. A contact that stays for days pins only its own page.
/// </remarks>
internal sealed class ContactDirectory
{
    private const int PageBits = 12;
    private const int PageSize = 1 << PageBits;

    /// <summary>Per id: slot + 1 for a live contact, −(position + 1) for a finished one, 0 for none.</summary>
    private long[]?[] pages = new long[]?[8];

    /// <summary>Per page: ids in it that are live or finished and kept.</summary>
    private int[] present = new int[8];

    /// <summary>The page number held at <c>pages[0]</c>.</summary>
    private long firstPage;
    private int pageCount;
    private long highestId;

    /// <summary>Dropped pages (all zero again), reused so that a steady flow of contacts allocates nothing.</summary>
    private readonly Stack<long[]> sparePages = new();

    /// <summary>Live and finished contacts known.</summary>
    public int Count { get; private set; }

    public bool TryGetLive(long id, out int slot)
    {
        var entry = EntryOf(id);
        slot = (int)(entry - 1);
        return entry > 0;
    }

    public bool TryGetFinished(long id, out long position)
    {
        var entry = EntryOf(id);
        position = -entry - 1;
        return entry < 0;
    }

    /// <summary>The slot of a live contact; the contact must be live.</summary>
    public int LiveSlot(long id) =>
        TryGetLive(id, out var slot) ? slot : throw new KeyNotFoundException($"Contact {id} is not live.");

    public void AddLive(long id, int slot)
    {
        ref var entry = ref Place(id);
        if (entry != 0)
        {
            throw new ArgumentException($"Contact {id} is already known.", nameof(id));
        }

        entry = slot + 1L;
        Count++;
    }

    public void MarkFinished(long id, long position) => Place(id) = -(position + 1);

    public void Remove(long id)
    {
        var page = (int)((id >> PageBits) - firstPage);
        ref var entry = ref pages[page]![id & (PageSize - 1)];
        if (entry == 0)
        {
            return;
        }

        entry = 0;
        Count--;
        if (--present[page] == 0 && ((firstPage + page + 1) << PageBits) - 1 <= highestId)
        {
            // Every id of the page was handed out and is forgotten now: no id will land here again.
            if (sparePages.Count < 4)
            {
                sparePages.Push(pages[page]!);
            }

            pages[page] = null;
            DropEmptyLeadingPages();
        }
    }

    /// <summary>The highest id the directory has known; a page is dropped only once every id in it was handed out.</summary>
    public long HighestId
    {
        get => highestId;
        set => highestId = Math.Max(highestId, value);
    }

    /// <summary>The ids of every live and finished contact known, in no particular order.</summary>
    public List<long> Ids()
    {
        var ids = new List<long>(Count);
        for (var p = 0; p < pageCount; p++)
        {
            if (pages[p] is not { } page)
            {
                continue;
            }

            for (var i = 0; i < PageSize; i++)
            {
                if (page[i] != 0)
                {
                    ids.Add(((firstPage + p) << PageBits) + i);
                }
            }
        }

        return ids;
    }

    private long EntryOf(long id)
    {
        var page = (id >> PageBits) - firstPage;
        return (ulong)page < (ulong)pageCount && pages[page] is { } entries ? entries[id & (PageSize - 1)] : 0;
    }

    /// <summary>The entry of an id, making room for its page; counts the id into its page when the entry was empty.</summary>
    private ref long Place(long id)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(id);
        var pageNumber = id >> PageBits;
        if (pageCount == 0)
        {
            firstPage = pageNumber;
        }
        else if (pageNumber < firstPage)
        {
            // Only a log that reuses a forgotten id gets here; make room at the front.
            var shift = (int)(firstPage - pageNumber);
            EnsureCapacity(pageCount + shift);
            Array.Copy(pages, 0, pages, shift, pageCount);
            Array.Copy(present, 0, present, shift, pageCount);
            Array.Clear(pages, 0, shift);
            Array.Clear(present, 0, shift);
            pageCount += shift;
            firstPage = pageNumber;
        }

        var page = (int)(pageNumber - firstPage);
        if (page >= pageCount)
        {
            EnsureCapacity(page + 1);
            pageCount = page + 1;
        }

        var entries = pages[page] ??= sparePages.TryPop(out var spare) ? spare : new long[PageSize];
        highestId = Math.Max(highestId, id);
        ref var entry = ref entries[id & (PageSize - 1)];
        if (entry == 0)
        {
            present[page]++;
        }

        return ref entry;
    }

    private void EnsureCapacity(int count)
    {
        if (count > pages.Length)
        {
            var size = Math.Max(count, pages.Length * 2);
            Array.Resize(ref pages, size);
            Array.Resize(ref present, size);
        }
    }

    private void DropEmptyLeadingPages()
    {
        var empty = 0;
        while (empty < pageCount && pages[empty] is null)
        {
            empty++;
        }

        if (empty == 0)
        {
            return;
        }

        Array.Copy(pages, empty, pages, 0, pageCount - empty);
        Array.Copy(present, empty, present, 0, pageCount - empty);
        Array.Clear(pages, pageCount - empty, empty);
        Array.Clear(present, pageCount - empty, empty);
        pageCount -= empty;
        firstPage += empty;
    }
}
