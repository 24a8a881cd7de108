using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Chengguan.Tests.Architecture;

/// <summary>One thing a type of the product refers to: a type, and the member of it when the reference is a call or field access.</summary>
/// <param name="From">The top-level type the reference is written in (lambdas, state machines and nested types count as their outer type).</param>
/// <param name="To">The referenced type's full name (generic definitions keep their `n suffix; nested types use +).</param>
/// <param name="Member">The member called or accessed, null for a plain type reference.</param>
/// <param name="TypeArgs">The referenced type's and method's generic arguments (DbSet&lt;Case&gt;.Add → Case; ExecuteDelete&lt;Case&gt; → Case).</param>
public sealed record Reference(string From, string To, string? Member, ImmutableArray<string> TypeArgs);

/// <summary>
/// Reads the compiled product assembly with System.Reflection.Metadata: base types, interfaces, field and
/// method signatures, and every metadata token in every method body (call, callvirt, newobj, ldfld, stfld,
/// ldsfld, ldftn, ldtoken, box, castclass…). Constants are not seen: the compiler copies them into the caller.
/// </summary>
public static class IlScanner
{
    public static IReadOnlyList<Reference> Scan(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        MetadataReader md = pe.GetMetadataReader();
        var names = new NameProvider(md);
        var found = new HashSet<Reference>(new ReferenceComparer());

        foreach (TypeDefinitionHandle th in md.TypeDefinitions)
        {
            TypeDefinition type = md.GetTypeDefinition(th);
            string from = Outermost(md, th);
            // <Module>, anonymous types, <PrivateImplementationDetails>: generated for the whole assembly, no capability's code.
            if (from.StartsWith('<'))
            {
                continue;
            }

            void AddShape(Shape? s)
            {
                if (s is null)
                {
                    return;
                }
                foreach (Shape t in s.All())
                {
                    found.Add(new Reference(from, t.Name, null, [.. t.Args.SelectMany(a => a.All()).Select(a => a.Name)]));
                }
            }

            if (!type.BaseType.IsNil)
            {
                AddShape(names.Of(type.BaseType));
            }
            foreach (InterfaceImplementationHandle ih in type.GetInterfaceImplementations())
            {
                AddShape(names.Of(md.GetInterfaceImplementation(ih).Interface));
            }
            foreach (FieldDefinitionHandle fh in type.GetFields())
            {
                AddShape(md.GetFieldDefinition(fh).DecodeSignature(names, null));
            }
            foreach (MethodDefinitionHandle mh in type.GetMethods())
            {
                MethodDefinition method = md.GetMethodDefinition(mh);
                MethodSignature<Shape> sig = method.DecodeSignature(names, null);
                AddShape(sig.ReturnType);
                foreach (Shape p in sig.ParameterTypes)
                {
                    AddShape(p);
                }
                if (method.RelativeVirtualAddress == 0)
                {
                    continue;
                }
                MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
                if (!body.LocalSignature.IsNil)
                {
                    foreach (Shape l in md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(names, null))
                    {
                        AddShape(l);
                    }
                }
                foreach (EntityHandle token in Tokens(body.GetILReader()))
                {
                    foreach (Reference r in names.Member(from, token))
                    {
                        found.Add(r);
                    }
                }
            }
        }
        return [.. found];
    }

    /// <summary>The top-level type that declares this one: a display class or async state machine belongs to the type it was written in.</summary>
    private static string Outermost(MetadataReader md, TypeDefinitionHandle th)
    {
        TypeDefinition t = md.GetTypeDefinition(th);
        while (!t.GetDeclaringType().IsNil)
        {
            t = md.GetTypeDefinition(t.GetDeclaringType());
        }
        string ns = md.GetString(t.Namespace);
        string name = md.GetString(t.Name);
        // Razor's helpers for generic components live in __Blazor.<page's full name>; they are the page's code.
        if (ns.StartsWith("__Blazor.", StringComparison.Ordinal))
        {
            return ns["__Blazor.".Length..];
        }
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>Walks the IL and yields every operand that is a metadata token of a type, method or field.</summary>
    private static IEnumerable<EntityHandle> Tokens(BlobReader il)
    {
        var result = new List<EntityHandle>();
        while (il.RemainingBytes > 0)
        {
            ILOpCode op = ReadOpCode(ref il);
            switch (OperandSize(op))
            {
                case OperandKind.Token:
                    int token = il.ReadInt32();
                    var handle = MetadataTokens.EntityHandle(token);
                    if (handle.Kind is HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification or HandleKind.MethodDefinition
                        or HandleKind.MemberReference or HandleKind.MethodSpecification or HandleKind.FieldDefinition)
                    {
                        result.Add(handle);
                    }
                    break;
                case OperandKind.Switch:
                    int count = il.ReadInt32();
                    il.Offset += count * 4;
                    break;
                case OperandKind.None:
                    break;
                default:
                    il.Offset += (int)OperandSize(op);
                    break;
            }
        }
        return result;
    }

    private static ILOpCode ReadOpCode(ref BlobReader il)
    {
        byte b = il.ReadByte();
        return b == 0xFE ? (ILOpCode)(0xFE00 | il.ReadByte()) : (ILOpCode)b;
    }

    private enum OperandKind { None = 0, One = 1, Two = 2, Four = 4, Eight = 8, Token = 100, Switch = 101 }

    private static OperandKind OperandSize(ILOpCode op) => op switch
    {
        ILOpCode.Call or ILOpCode.Callvirt or ILOpCode.Newobj or ILOpCode.Ldfld or ILOpCode.Ldflda or ILOpCode.Stfld or ILOpCode.Ldsfld
            or ILOpCode.Ldsflda or ILOpCode.Stsfld or ILOpCode.Ldftn or ILOpCode.Ldvirtftn or ILOpCode.Ldtoken or ILOpCode.Jmp or ILOpCode.Box
            or ILOpCode.Unbox or ILOpCode.Unbox_any or ILOpCode.Castclass or ILOpCode.Isinst or ILOpCode.Newarr or ILOpCode.Ldelema
            or ILOpCode.Ldelem or ILOpCode.Stelem or ILOpCode.Ldobj or ILOpCode.Stobj or ILOpCode.Cpobj or ILOpCode.Initobj or ILOpCode.Sizeof
            or ILOpCode.Mkrefany or ILOpCode.Refanyval or ILOpCode.Constrained => OperandKind.Token,
        ILOpCode.Ldstr or ILOpCode.Calli => OperandKind.Four,
        ILOpCode.Switch => OperandKind.Switch,
        ILOpCode.Br_s or ILOpCode.Brfalse_s or ILOpCode.Brtrue_s or ILOpCode.Beq_s or ILOpCode.Bge_s or ILOpCode.Bgt_s or ILOpCode.Ble_s
            or ILOpCode.Blt_s or ILOpCode.Bne_un_s or ILOpCode.Bge_un_s or ILOpCode.Bgt_un_s or ILOpCode.Ble_un_s or ILOpCode.Blt_un_s
            or ILOpCode.Leave_s or ILOpCode.Ldarg_s or ILOpCode.Ldarga_s or ILOpCode.Starg_s or ILOpCode.Ldloc_s or ILOpCode.Ldloca_s
            or ILOpCode.Stloc_s or ILOpCode.Ldc_i4_s or ILOpCode.Unaligned or (ILOpCode)0xFE19 => OperandKind.One, // 0xFE19 is the "no." prefix, which ILOpCode does not name
        ILOpCode.Ldarg or ILOpCode.Ldarga or ILOpCode.Starg or ILOpCode.Ldloc or ILOpCode.Ldloca or ILOpCode.Stloc => OperandKind.Two,
        ILOpCode.Br or ILOpCode.Brfalse or ILOpCode.Brtrue or ILOpCode.Beq or ILOpCode.Bge or ILOpCode.Bgt or ILOpCode.Ble or ILOpCode.Blt
            or ILOpCode.Bne_un or ILOpCode.Bge_un or ILOpCode.Bgt_un or ILOpCode.Ble_un or ILOpCode.Blt_un or ILOpCode.Leave
            or ILOpCode.Ldc_i4 or ILOpCode.Ldc_r4 => OperandKind.Four,
        ILOpCode.Ldc_i8 or ILOpCode.Ldc_r8 => OperandKind.Eight,
        _ => OperandKind.None,
    };

    private sealed class ReferenceComparer : IEqualityComparer<Reference>
    {
        public bool Equals(Reference? x, Reference? y) => x!.From == y!.From && x.To == y.To && x.Member == y.Member && x.TypeArgs.SequenceEqual(y.TypeArgs);

        public int GetHashCode(Reference r) => HashCode.Combine(r.From, r.To, r.Member, string.Join(",", r.TypeArgs));
    }
}

/// <summary>A decoded type: its name (generic definition, array element…) and its generic arguments.</summary>
public sealed record Shape(string Name, ImmutableArray<Shape> Args)
{
    public static Shape Of(string name) => new(name, []);

    /// <summary>This type and every type inside it (DbSet&lt;Case&gt; → DbSet`1, Case).</summary>
    public IEnumerable<Shape> All() => Args.SelectMany(a => a.All()).Prepend(this);
}

internal sealed class NameProvider(MetadataReader md) : ISignatureTypeProvider<Shape, object?>
{
    public Shape GetPrimitiveType(PrimitiveTypeCode typeCode) => Shape.Of("System." + typeCode);
    public Shape GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => Shape.Of(Name(handle));
    public Shape GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => Shape.Of(Name(handle));
    public Shape GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        md.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    public Shape GetSZArrayType(Shape elementType) => elementType;
    public Shape GetArrayType(Shape elementType, ArrayShape shape) => elementType;
    public Shape GetByReferenceType(Shape elementType) => elementType;
    public Shape GetPointerType(Shape elementType) => elementType;
    public Shape GetPinnedType(Shape elementType) => elementType;
    public Shape GetModifiedType(Shape modifier, Shape unmodifiedType, bool isRequired) => unmodifiedType;
    public Shape GetGenericInstantiation(Shape genericType, ImmutableArray<Shape> typeArguments) => new(genericType.Name, typeArguments);
    public Shape GetGenericMethodParameter(object? genericContext, int index) => Shape.Of("!!" + index);
    public Shape GetGenericTypeParameter(object? genericContext, int index) => Shape.Of("!" + index);
    public Shape GetFunctionPointerType(MethodSignature<Shape> signature) => Shape.Of("fnptr");

    public Shape? Of(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition => Shape.Of(Name((TypeDefinitionHandle)handle)),
        HandleKind.TypeReference => Shape.Of(Name((TypeReferenceHandle)handle)),
        HandleKind.TypeSpecification => md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null),
        _ => null,
    };

    /// <summary>What one IL token refers to: the type, and for members the declaring type, member name and generic arguments; plus the types in the member's signature.</summary>
    public IEnumerable<Reference> Member(string from, EntityHandle token)
    {
        switch (token.Kind)
        {
            case HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification:
                foreach (Shape s in Of(token)!.All())
                {
                    yield return new Reference(from, s.Name, null, [.. s.Args.SelectMany(a => a.All()).Select(a => a.Name)]);
                }
                yield break;
            case HandleKind.MethodSpecification:
                MethodSpecification spec = md.GetMethodSpecification((MethodSpecificationHandle)token);
                ImmutableArray<Shape> methodArgs = spec.DecodeSignature(this, null);
                foreach (Reference r in Member(from, spec.Method))
                {
                    yield return r.Member is null ? r : r with { TypeArgs = [.. r.TypeArgs, .. methodArgs.SelectMany(a => a.All()).Select(a => a.Name)] };
                }
                foreach (Shape s in methodArgs.SelectMany(a => a.All()))
                {
                    yield return new Reference(from, s.Name, null, []);
                }
                yield break;
            case HandleKind.MethodDefinition:
                MethodDefinition def = md.GetMethodDefinition((MethodDefinitionHandle)token);
                yield return new Reference(from, Name(def.GetDeclaringType()), md.GetString(def.Name), []);
                yield break;
            case HandleKind.FieldDefinition:
                FieldDefinition field = md.GetFieldDefinition((FieldDefinitionHandle)token);
                yield return new Reference(from, Name(field.GetDeclaringType()), md.GetString(field.Name), []);
                yield break;
            case HandleKind.MemberReference:
                MemberReference member = md.GetMemberReference((MemberReferenceHandle)token);
                string name = md.GetString(member.Name);
                Shape? parent = member.Parent.Kind == HandleKind.MethodDefinition
                    ? Shape.Of(Name(md.GetMethodDefinition((MethodDefinitionHandle)member.Parent).GetDeclaringType()))
                    : Of(member.Parent);
                if (parent is null)
                {
                    yield break;
                }
                yield return new Reference(from, parent.Name, name, [.. parent.Args.SelectMany(a => a.All()).Select(a => a.Name)]);
                foreach (Shape s in parent.Args.SelectMany(a => a.All()))
                {
                    yield return new Reference(from, s.Name, null, []);
                }
                IEnumerable<Shape> signature = member.GetKind() == MemberReferenceKind.Method
                    ? member.DecodeMethodSignature(this, null) is var m ? m.ParameterTypes.Prepend(m.ReturnType) : []
                    : [member.DecodeFieldSignature(this, null)];
                foreach (Shape s in signature.SelectMany(s => s.All()))
                {
                    yield return new Reference(from, s.Name, null, []);
                }
                yield break;
        }
    }

    private string Name(TypeDefinitionHandle handle)
    {
        TypeDefinition t = md.GetTypeDefinition(handle);
        string name = md.GetString(t.Name);
        if (!t.GetDeclaringType().IsNil)
        {
            return Name(t.GetDeclaringType()) + "+" + name;
        }
        string ns = md.GetString(t.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private string Name(TypeReferenceHandle handle)
    {
        TypeReference t = md.GetTypeReference(handle);
        string name = md.GetString(t.Name);
        if (t.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return Name((TypeReferenceHandle)t.ResolutionScope) + "+" + name;
        }
        string ns = md.GetString(t.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
