using System.Text.Json;
using System.Text.Json.Serialization;
using Adaptive.Core;

namespace Adaptive.Site;

/// <summary>
/// JSON for the site's values, so that a trace store can persist them (<see cref="Codec.Json{T}"/>):
/// <see cref="ValueList{T}"/> as an array and <see cref="ValueDictionary"/> as an object in key
/// order whose free-form values come back exactly as parsed (strings, nulls, lists of values,
/// nested dictionaries) — a value read back equals the value written.
/// </summary>
public static class SiteJson
{
    /// <summary>The serializer options with the site's converters.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        Converters = { new ValueListConverterFactory(), new ValueDictionaryConverter() },
    };

    /// <summary>The trace codec of a site value.</summary>
    public static IValueCodec<T> Codec<T>() => Core.Codec.Json<T>(Options);

    private sealed class ValueListConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ValueList<>);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(ValueListConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
    }

    private sealed class ValueListConverter<T> : JsonConverter<ValueList<T>>
    {
        public override ValueList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (typeof(T) == typeof(object))
            {
                return (ValueList<T>)(object)ReadList(ref reader);
            }

            return new ValueList<T>(JsonSerializer.Deserialize<T[]>(ref reader, options) ?? []);
        }

        public override void Write(Utf8JsonWriter writer, ValueList<T> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (T item in value)
            {
                if (typeof(T) == typeof(object))
                {
                    WriteFree(writer, item, options);
                }
                else
                {
                    JsonSerializer.Serialize(writer, item, options);
                }
            }

            writer.WriteEndArray();
        }
    }

    private sealed class ValueDictionaryConverter : JsonConverter<ValueDictionary>
    {
        public override ValueDictionary Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadDictionary(ref reader);

        public override void Write(Utf8JsonWriter writer, ValueDictionary value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (KeyValuePair<string, object?> entry in value)
            {
                writer.WritePropertyName(entry.Key);
                WriteFree(writer, entry.Value, options);
            }

            writer.WriteEndObject();
        }
    }

    private static void WriteFree(Utf8JsonWriter writer, object? value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case ValueList<object?> list:
                JsonSerializer.Serialize(writer, list, options);
                break;
            case ValueDictionary dictionary:
                JsonSerializer.Serialize(writer, dictionary, options);
                break;
            default:
                throw new JsonException($"cannot persist a value of type {value.GetType().Name} in a site dictionary");
        }
    }

    private static object? ReadFree(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.StartArray => ReadList(ref reader),
        JsonTokenType.StartObject => ReadDictionary(ref reader),
        _ => throw new JsonException("unexpected " + reader.TokenType + " in a site value"),
    };

    private static ValueList<object?> ReadList(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("expected an array");
        }

        var items = new List<object?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(ReadFree(ref reader));
        }

        return new ValueList<object?>(items);
    }

    private static ValueDictionary ReadDictionary(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("expected an object");
        }

        var entries = new List<KeyValuePair<string, object?>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            reader.Read();
            entries.Add(new(key, ReadFree(ref reader)));
        }

        return new ValueDictionary(entries);
    }
}
