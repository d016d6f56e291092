using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Strongroom.Server.Tests.Architecture;

/// <summary>
/// Which of an assembly's own types each of its types uses: in signatures (fields, parameters, returns,
/// base types) and in method bodies (every type, method and field token the IL names), read from metadata
/// with System.Reflection.Metadata, so that a call hidden in a body counts as much as a constructor parameter.
/// </summary>
internal static class MethodBodyTypes
{
    /// <summary>Pairs of (using type's full name, used type's full name), for types of the same assembly.</summary>
    public static IReadOnlyCollection<(string User, string Used)> Edges(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var edges = new HashSet<(string, string)>();
        foreach (var handle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(handle);
            var user = Outermost(md, handle);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = md.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0)
                {
                    continue;
                }

                var il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader();
                foreach (var token in Tokens(il))
                {
                    if (OwnerType(md, token) is { } used)
                    {
                        edges.Add((user, Outermost(md, used)));
                    }
                }
            }
        }

        return edges;
    }

    /// <summary>The metadata tokens the IL's operands name.</summary>
    private static IEnumerable<int> Tokens(BlobReader il)
    {
        var tokens = new List<int>();
        while (il.RemainingBytes > 0)
        {
            var code = (int)il.ReadByte();
            if (code == 0xFE)
            {
                code = 0xFE00 | il.ReadByte();
            }

            var opCode = (ILOpCode)code;
            switch (OperandSize(opCode))
            {
                case -1:
                    // switch: a count, then that many 4-byte targets.
                    var count = il.ReadInt32();
                    il.Offset += count * 4;
                    break;
                case -4:
                    tokens.Add(il.ReadInt32());
                    break;
                case var size:
                    il.Offset += size;
                    break;
            }
        }

        return tokens;
    }

    /// <summary>Operand bytes; -4 for a metadata token, -1 for switch's table.</summary>
    private static int OperandSize(ILOpCode code) => code switch
    {
        ILOpCode.Switch => -1,
        ILOpCode.Call or ILOpCode.Callvirt or ILOpCode.Newobj or ILOpCode.Ldfld or ILOpCode.Ldflda or ILOpCode.Stfld or ILOpCode.Ldsfld or ILOpCode.Ldsflda
            or ILOpCode.Stsfld or ILOpCode.Ldftn or ILOpCode.Ldvirtftn or ILOpCode.Box or ILOpCode.Unbox or ILOpCode.Unbox_any or ILOpCode.Castclass
            or ILOpCode.Isinst or ILOpCode.Newarr or ILOpCode.Ldelema or ILOpCode.Ldelem or ILOpCode.Stelem or ILOpCode.Ldobj or ILOpCode.Stobj
            or ILOpCode.Cpobj or ILOpCode.Initobj or ILOpCode.Sizeof or ILOpCode.Ldtoken or ILOpCode.Mkrefany or ILOpCode.Refanyval or ILOpCode.Constrained
            or ILOpCode.Jmp or ILOpCode.Calli or ILOpCode.Ldstr => -4,
        ILOpCode.Ldarg_s or ILOpCode.Ldarga_s or ILOpCode.Starg_s or ILOpCode.Ldloc_s or ILOpCode.Ldloca_s or ILOpCode.Stloc_s or ILOpCode.Ldc_i4_s
            or ILOpCode.Br_s or ILOpCode.Brfalse_s or ILOpCode.Brtrue_s or ILOpCode.Beq_s or ILOpCode.Bge_s or ILOpCode.Bgt_s or ILOpCode.Ble_s
            or ILOpCode.Blt_s or ILOpCode.Bne_un_s or ILOpCode.Bge_un_s or ILOpCode.Bgt_un_s or ILOpCode.Ble_un_s or ILOpCode.Blt_un_s
            or ILOpCode.Leave_s or ILOpCode.Unaligned => 1,
        ILOpCode.Ldarg or ILOpCode.Ldarga or ILOpCode.Starg or ILOpCode.Ldloc or ILOpCode.Ldloca or ILOpCode.Stloc => 2,
        ILOpCode.Ldc_i4 or ILOpCode.Ldc_r4 or ILOpCode.Br or ILOpCode.Brfalse or ILOpCode.Brtrue or ILOpCode.Beq or ILOpCode.Bge or ILOpCode.Bgt
            or ILOpCode.Ble or ILOpCode.Blt or ILOpCode.Bne_un or ILOpCode.Bge_un or ILOpCode.Bgt_un or ILOpCode.Ble_un or ILOpCode.Blt_un
            or ILOpCode.Leave => 4,
        ILOpCode.Ldc_i8 or ILOpCode.Ldc_r8 => 8,
        _ => 0,
    };

    /// <summary>The type of this assembly a token names (a type, or the type declaring a method or field), if any.</summary>
    private static TypeDefinitionHandle? OwnerType(MetadataReader md, int token)
    {
        if ((token >> 24) == 0x70)
        {
            return null; // ldstr: a string, not an entity
        }

        var handle = MetadataTokens.EntityHandle(token);
        return handle.Kind switch
        {
            HandleKind.TypeDefinition => (TypeDefinitionHandle)handle,
            HandleKind.MethodDefinition => md.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType(),
            HandleKind.FieldDefinition => md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType(),
            HandleKind.MethodSpecification => OwnerType(md, MetadataTokens.GetToken(md.GetMethodSpecification((MethodSpecificationHandle)handle).Method)),
            HandleKind.MemberReference => md.GetMemberReference((MemberReferenceHandle)handle).Parent is { Kind: HandleKind.TypeDefinition } parent
                ? (TypeDefinitionHandle)parent
                : null,
            _ => null,
        };
    }

    /// <summary>The full name of the outermost type (compiler-made closures and state machines count as their owner).</summary>
    private static string Outermost(MetadataReader md, TypeDefinitionHandle handle)
    {
        var type = md.GetTypeDefinition(handle);
        while (type.IsNested)
        {
            type = md.GetTypeDefinition(type.GetDeclaringType());
        }

        return md.GetString(type.Namespace) + "." + md.GetString(type.Name);
    }
}
