using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace KubeMQ.Typed.Generators.Model
{
    /// <summary>
    /// An immutable list compared by its elements, so models holding lists stay value-equal across compilations and
    /// the incremental pipeline can tell "unchanged" from "changed".
    /// </summary>
    internal sealed class ImmutableEquatableArray<T> : IEquatable<ImmutableEquatableArray<T>>, IReadOnlyList<T>
        where T : IEquatable<T>
    {
        public static readonly ImmutableEquatableArray<T> Empty = new ImmutableEquatableArray<T>(Array.Empty<T>());

        private readonly T[] _values;

        public ImmutableEquatableArray(IEnumerable<T> values)
        {
            _values = values.ToArray();
        }

        public int Count => _values.Length;

        public T this[int index] => _values[index];

        public bool Equals(ImmutableEquatableArray<T>? other)
        {
            if (other is null)
                return false;
            if (ReferenceEquals(this, other))
                return true;
            if (_values.Length != other._values.Length)
                return false;
            for (var i = 0; i < _values.Length; i++)
            {
                if (!EqualityComparer<T>.Default.Equals(_values[i], other._values[i]))
                    return false;
            }
            return true;
        }

        public override bool Equals(object? obj) => obj is ImmutableEquatableArray<T> other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = 17;
                foreach (var value in _values)
                    hash = (hash * 31) + (value is null ? 0 : value.GetHashCode());
                return hash;
            }
        }

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_values).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();
    }

    internal static class ImmutableEquatableArray
    {
        public static ImmutableEquatableArray<T> ToImmutableEquatableArray<T>(this IEnumerable<T> values)
            where T : IEquatable<T> => new ImmutableEquatableArray<T>(values);
    }
}
