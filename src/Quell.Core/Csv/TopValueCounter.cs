using System.Numerics;
using System.Text;

namespace Quell.Csv;

/// <summary>
/// The most frequent values of a stream in bounded memory: filtered space-saving (Homem and Carvalho, 2010;
/// space-saving by Metwally et al., 2005) with a min-heap of counters. The filter, an array of per-bucket upper
/// bounds for unmonitored values, keeps a column of unique values (ids, timestamps) from replacing a counter on
/// every row, which plain space-saving does and which made it most of the analysis time. Values are keyed by
/// their stable hash and kept as bytes in reused buffers, so counting allocates nothing once the counters are
/// full; strings are made only for <see cref="Top"/>.
/// </summary>
internal sealed class TopValueCounter
{
    /// <summary>Enough bytes for <see cref="MaxValueChars"/> characters of any UTF-8 text.</summary>
    private const int MaxValueBytes = 400;
    private const int MaxValueChars = 100;

    private readonly Dictionary<ulong, int> _slotByHash;
    private readonly ulong[] _hash;
    private readonly long[] _count;
    private readonly long[] _error;
    private readonly byte[][] _value;
    private readonly int[] _valueLength;
    private readonly int[] _heap;
    private readonly int[] _heapIndex;
    private readonly long[] _filter;
    private int _used;

    public TopValueCounter(int capacity)
    {
        _slotByHash = new Dictionary<ulong, int>(capacity);
        _hash = new ulong[capacity];
        _count = new long[capacity];
        _error = new long[capacity];
        _value = new byte[capacity][];
        _valueLength = new int[capacity];
        _heap = new int[capacity];
        _heapIndex = new int[capacity];
        _filter = new long[(int)BitOperations.RoundUpToPowerOf2((uint)capacity * 4)];
    }

    public void Add(ulong hash, ReadOnlySpan<byte> value)
    {
        if (_slotByHash.TryGetValue(hash, out var slot))
        {
            _count[slot]++;
            SiftDown(_heapIndex[slot]);
            return;
        }
        if (_used < _hash.Length)
        {
            slot = _used++;
            _heap[slot] = slot;
            _heapIndex[slot] = slot;
            Store(slot, hash, value, count: 1, error: 0);
            SiftUp(slot);
            return;
        }
        // Full: the value's bucket bounds how often it (or any unmonitored value hashed there) was seen. Only when
        // that bound passes the least monitored count does it take that counter; the evicted count moves to the
        // evicted value's bucket, so every bucket stays an upper bound.
        ref var bound = ref _filter[(int)(hash & (ulong)(_filter.Length - 1))];
        slot = _heap[0];
        if (bound + 1 <= _count[slot])
        {
            bound++;
            return;
        }
        var estimate = bound + 1;
        ref var evictedBound = ref _filter[(int)(_hash[slot] & (ulong)(_filter.Length - 1))];
        evictedBound = Math.Max(evictedBound, _count[slot]);
        _slotByHash.Remove(_hash[slot]);
        Store(slot, hash, value, estimate, estimate - 1);
        SiftDown(0);
    }

    /// <summary>
    /// The most frequent values whose count means something: exact, or provably more than one (count minus its
    /// possible overstatement is at least 2). A large column of unique values (ids, timestamps) thus reports no top
    /// values rather than arbitrary ones with counts that are all overstatement.
    /// </summary>
    public IReadOnlyList<TopValue> Top(int count)
    {
        var top = new List<TopValue>(_used);
        for (var slot = 0; slot < _used; slot++)
        {
            if (_error[slot] == 0 || _count[slot] - _error[slot] >= 2) top.Add(new TopValue(Decode(slot), _count[slot], _error[slot]));
        }
        top.Sort(static (a, b) => b.Count != a.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Value, b.Value));
        return top.Count <= count ? top : top[..count];
    }

    private void Store(int slot, ulong hash, ReadOnlySpan<byte> value, long count, long error)
    {
        _slotByHash[hash] = slot;
        _hash[slot] = hash;
        _count[slot] = count;
        _error[slot] = error;
        var length = Math.Min(value.Length, MaxValueBytes);
        var buffer = _value[slot];
        if (buffer is null || buffer.Length < length) _value[slot] = buffer = new byte[Math.Max(length, 32)];
        value[..length].CopyTo(buffer);
        _valueLength[slot] = length;
    }

    private string Decode(int slot)
    {
        var text = Encoding.UTF8.GetString(_value[slot], 0, _valueLength[slot]);
        if (text.Length <= MaxValueChars) return text;
        var cut = char.IsHighSurrogate(text[MaxValueChars - 1]) ? MaxValueChars - 1 : MaxValueChars;
        return text[..cut];
    }

    private void SiftUp(int index)
    {
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (_count[_heap[parent]] <= _count[_heap[index]]) return;
            Swap(index, parent);
            index = parent;
        }
    }

    private void SiftDown(int index)
    {
        while (true)
        {
            var smallest = index;
            var left = (2 * index) + 1;
            var right = left + 1;
            if (left < _used && _count[_heap[left]] < _count[_heap[smallest]]) smallest = left;
            if (right < _used && _count[_heap[right]] < _count[_heap[smallest]]) smallest = right;
            if (smallest == index) return;
            Swap(index, smallest);
            index = smallest;
        }
    }

    private void Swap(int a, int b)
    {
        (_heap[a], _heap[b]) = (_heap[b], _heap[a]);
        _heapIndex[_heap[a]] = a;
        _heapIndex[_heap[b]] = b;
    }
}
