using System.Reflection;

namespace Director.Core.Config.Hocon;

/// <summary>One model property: its HOCON key, how its value is written and read, and whether null is allowed.</summary>
internal sealed record PropertyMap(string Key, PropertyInfo Property, ValueCodec Codec, bool AllowsNull);
