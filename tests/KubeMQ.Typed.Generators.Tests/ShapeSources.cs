namespace KubeMQ.Typed.Generators.Tests;

/// <summary>Contracts of every supported shape: where they live, how they are declared, and the types they carry.</summary>
internal static class ShapeSources
{
    public const string Model = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using KubeMQ.Typed;

        [assembly: KubeMQJsonContext(typeof(Shapes.ShapeJson))]

        namespace Shapes
        {
            public sealed record Point(int X, int Y);
            public record struct Size(int Width, int Height);
            public enum Color { Red, Green }

            [JsonSerializable(typeof(int)), JsonSerializable(typeof(string)), JsonSerializable(typeof(Point)), JsonSerializable(typeof(Size))]
            [JsonSerializable(typeof(Color)), JsonSerializable(typeof(Color?)), JsonSerializable(typeof(int?)), JsonSerializable(typeof(Point[]))]
            [JsonSerializable(typeof(List<Point>)), JsonSerializable(typeof(IReadOnlyList<string>)), JsonSerializable(typeof(Dictionary<string, int>))]
            [JsonSerializable(typeof(IReadOnlyDictionary<Color, Point?>)), JsonSerializable(typeof(byte[]))]
            public sealed class ShapeJson : JsonSerializerContext
            {
                public ShapeJson() : base(null) { }
                public static ShapeJson Default { get; } = new();
                protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
                public override JsonTypeInfo? GetTypeInfo(Type type) => null;
            }
        }
        """;

    public const string Nested = """
        using System.Threading.Tasks;
        using KubeMQ.Typed;

        namespace Shapes
        {
            public static partial class Inventory
            {
                internal static class Api
                {
                    [KubeMQChannel("queries.inventory")]
                    public interface IStock { Task<int> Count(string sku); }
                }
            }
        }
        """;

    public const string Internal = """
        using System.Threading.Tasks;
        using KubeMQ.Typed;

        namespace Shapes
        {
            [KubeMQChannel("commands.internal")]
            internal interface IHousekeeping { Task Compact(int level); }
        }
        """;

    public const string GlobalNamespace = """
        using System.Threading.Tasks;
        using KubeMQ.Typed;

        [KubeMQChannel("events.global", Pattern = KubeMQPattern.Events)]
        public interface IGlobalEvents { Task Happened(string what); }
        """;

    public const string Inheritance = """
        using System.Threading;
        using System.Threading.Tasks;
        using KubeMQ.Typed;

        namespace Shapes
        {
            [KubeMQChannel("queries.base")]
            public interface IBaseQueries { Task<int> Count(CancellationToken ct = default); }

            public interface INamed { Task<string> Name(int id); }

            [KubeMQChannel("queries.derived")]
            public interface IDerivedQueries : IBaseQueries, INamed { Task<Point> Where(string name); }
        }
        """;

    public const string TypeShapes = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using KubeMQ.Typed;

        namespace Shapes
        {
            [KubeMQChannel("queries.shapes")]
            public interface IShapeQueries
            {
                Task<Point?> Find(Point[] points, List<Point> list, Dictionary<string, int> counts);
                Task<IReadOnlyDictionary<Color, Point?>> ByColor(IReadOnlyList<string> names, Color? color);
                ValueTask<Size> Measure(Size size, int? scale, byte[] blob, CancellationToken cancellationToken);
                [KubeMQMethod("class")]
                Task<string> Class(string @class, int @event, Color @default);
            }
        }
        """;

    public const string Records = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using KubeMQ.Typed;

        namespace Shapes
        {
            [KubeMQChannel("queries.records")]
            public interface IRecordQueries { Task<Point> Move(Point from, Size by); }
        }
        """;

    public const string Nullables = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using KubeMQ.Typed;

        namespace Shapes
        {
            [KubeMQChannel("queries.nullables")]
            public interface INullableQueries { Task<Point?> Find(string? name, int? near, Color? color); }
        }
        """;

    public const string Arrays = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using KubeMQ.Typed;

        namespace Shapes
        {
            [KubeMQChannel("queries.arrays")]
            public interface IArrayQueries { Task<Point[]> Sort(Point[] points, byte[] blob); }
        }
        """;

    public const string Lists = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using KubeMQ.Typed;

        namespace Shapes
        {
            [KubeMQChannel("queries.lists")]
            public interface IListQueries { Task<IReadOnlyList<string>> Names(List<Point> points); }
        }
        """;

    public const string Dictionaries = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using KubeMQ.Typed;

        namespace Shapes
        {
            [KubeMQChannel("queries.dictionaries")]
            public interface IDictionaryQueries { Task<IReadOnlyDictionary<Color, Point?>> ByColor(Dictionary<string, int> counts); }
        }
        """;

    public const string Enums = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using KubeMQ.Typed;

        namespace Shapes
        {
            [KubeMQChannel("events.enums", Pattern = KubeMQPattern.Events)]
            public interface IEnumEvents { Task Painted(Color color); }
        }
        """;

    public const string Keywords = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using KubeMQ.Typed;

        namespace Shapes
        {
            [KubeMQChannel("commands.keywords")]
            public interface IKeywordCommands { [KubeMQMethod("class")] Task Class(string @class, int @event, Color @default, CancellationToken @checked); }
        }
        """;

    /// <summary>Compiled alone into another assembly, without the generator.</summary>
    public const string RemoteLibrary = """
        using System.Threading;
        using System.Threading.Tasks;
        using KubeMQ.Typed;

        namespace Remote.Contracts
        {
            public sealed record Quote(string Symbol, decimal Price);

            public interface IRemoteBase { Task<int> Version(); }

            [KubeMQChannel("queries.quotes", CacheTtl = 5)]
            public interface IQuotes : IRemoteBase
            {
                [CacheKey("quote:{symbol}")]
                Task<Quote> Get(string symbol, CancellationToken ct = default);
            }

            [KubeMQChannel("events.ticks", Pattern = KubeMQPattern.Events)]
            public interface ITicks { Task Tick(Quote quote); }
        }
        """;

    /// <summary>The consuming assembly of <see cref="RemoteLibrary"/>: asks for its contracts and supplies the JSON context.</summary>
    public const string RemoteConsumer = """
        using System;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using KubeMQ.Typed;
        using Remote.Contracts;

        [assembly: KubeMQContracts(typeof(IQuotes), typeof(ITicks))]
        [assembly: KubeMQJsonContext(typeof(Consumer.QuoteJson))]

        namespace Consumer
        {
            [JsonSerializable(typeof(Quote)), JsonSerializable(typeof(string)), JsonSerializable(typeof(int))]
            internal sealed class QuoteJson : JsonSerializerContext
            {
                public QuoteJson() : base(null) { }
                public static QuoteJson Default { get; } = new();
                protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
                public override JsonTypeInfo? GetTypeInfo(Type type) => null;
            }

            internal sealed class Quotes : IQuotesResponder
            {
                public System.Threading.Tasks.Task<Quote> Get(string symbol, KubeMQRequestContext context) =>
                    System.Threading.Tasks.Task.FromResult(new Quote(symbol, 1m));
                public System.Threading.Tasks.Task<int> Version(KubeMQRequestContext context) => System.Threading.Tasks.Task.FromResult(2);
            }

            internal static class Wiring
            {
                public static KubeMQBuilder Wire(KubeMQBuilder builder) => builder.AddQuotesClient().AddQuotesResponder<Quotes>().AddTicksClient();
            }
        }
        """;

    /// <summary>A contract here inheriting from a plain interface of <see cref="RemoteLibrary"/>.</summary>
    public const string DerivedFromRemote = """
        using System.Threading.Tasks;
        using KubeMQ.Typed;

        namespace Shapes
        {
            [KubeMQChannel("queries.local")]
            public interface ILocalQueries : Remote.Contracts.IRemoteBase { Task<string> Describe(int id); }
        }
        """;
}
