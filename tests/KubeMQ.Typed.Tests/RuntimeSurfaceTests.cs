using System.Text;
using KubeMQ.Typed.Runtime;
using KubeMQ.Typed.Tests.Contracts;

namespace KubeMQ.Typed.Tests;

/// <summary>The pieces of the runtime surface whose exact output is part of the wire format.</summary>
public sealed class RuntimeSurfaceTests
{
    [Theory]
    [InlineData("System.InvalidOperationException: out of stock", "System.InvalidOperationException", "out of stock")]
    [InlineData("My.App.Errors+Nested: a: b", "My.App.Errors+Nested", "a: b")]
    [InlineData("out of stock: try later", null, "out of stock: try later")]
    [InlineData("plain text", null, "plain text")]
    public void Responder_error_text_is_split_into_type_and_message_only_when_it_follows_the_format(
        string text, string? type, string message)
    {
        var error = new KubeMQResponderException("ch", "M", text);

        Assert.Equal(type, error.RemoteExceptionType);
        Assert.Equal(message, error.RemoteMessage);
        Assert.Equal(text, error.ErrorText);
    }

    [Fact]
    public void Error_text_is_the_exception_type_full_name_and_message()
    {
        Assert.Equal("System.ArgumentException: bad", KubeMQWireFormat.FormatError(new ArgumentException("bad")));
    }

    [Fact]
    public void Cache_key_holes_are_formatted_with_the_invariant_culture()
    {
        Assert.Equal("1.5", KubeMQCacheKey.Format(1.5m));
        Assert.Equal("true", KubeMQCacheKey.Format(true));
        Assert.Equal("", KubeMQCacheKey.Format<string?>(null));
        Assert.Equal("01/02/2026 03:04:05 +00:00", KubeMQCacheKey.Format(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));
    }

    [Fact]
    public void Derived_cache_key_is_the_method_and_the_sha256_of_the_body()
    {
        // SHA-256("abc") is a published test vector.
        Assert.Equal("Search:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            KubeMQCacheKey.Derive("Search", "abc"u8));
    }

    [Fact]
    public void Pooled_buffer_starts_empty_each_time_it_is_rented()
    {
        var typeInfo = KubeMQJson.GetTypeInfo<Product>(ShopJson.Default, "test");
        string first;
        using (var buffer = KubeMQJsonBuffer.Rent())
        {
            KubeMQJson.Write(buffer, new Product(1, "a long product name to grow the buffer", 1), typeInfo);
            first = Encoding.UTF8.GetString(buffer.WrittenMemory.Span);
        }
        using (var buffer = KubeMQJsonBuffer.Rent())
        {
            KubeMQJson.Write(buffer, new Product(2, "b", 2), typeInfo);
            Assert.Equal("""{"Id":2,"Name":"b","Price":2}""", Encoding.UTF8.GetString(buffer.WrittenMemory.Span));
        }
        Assert.Equal("""{"Id":1,"Name":"a long product name to grow the buffer","Price":1}""", first);
    }

    [Fact]
    public void Type_missing_from_the_json_context_fails_with_the_type_and_context_named()
    {
        var error = Assert.Throws<KubeMQContractConfigurationException>(() => KubeMQJson.GetTypeInfo<DateTime>(ShopJson.Default, "Shop.IX"));

        Assert.Contains("System.DateTime", error.Message);
        Assert.Contains(typeof(ShopJson).FullName!, error.Message);
        Assert.Contains("[JsonSerializable(typeof(DateTime))]", error.Message);
    }

    [Fact]
    public void Malformed_json_becomes_a_payload_exception()
    {
        var typeInfo = KubeMQJson.GetTypeInfo<int>(ShopJson.Default, "test");

        var error = Assert.Throws<KubeMQPayloadException>(() => KubeMQJson.Read("{"u8.ToArray(), typeInfo));
        Assert.Contains("System.Int32", error.Message);
    }
}
