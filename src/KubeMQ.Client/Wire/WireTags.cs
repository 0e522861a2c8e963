using Google.Protobuf.Collections;

namespace KubeMQ.Client;

/// <summary>Copies caller tags into a wire map; received maps are handed out as they are, without a copy.</summary>
internal static class WireTags
{
    public static void CopyTo(IReadOnlyDictionary<string, string>? tags, MapField<string, string> target, FieldName field)
    {
        if (tags is null)
            return;
        foreach (var (key, value) in tags)
        {
            if (key is null || value is null)
                throw new KubeMQValidationException(field.ToString(), "tag keys and values must not be null");
            target[key] = value;
        }
    }
}
