using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Strongroom.Scanning.Config;

/// <summary>
/// Source-generated TOML metadata for the untyped document model: Tomlyn's reflection-based
/// deserialization does not survive Native AOT (the `strongroom-scan` build refuses it).
/// </summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class ConfigTomlContext : TomlSerializerContext;
