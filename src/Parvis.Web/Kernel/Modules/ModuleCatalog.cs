using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Kernel.Modules;

/// <summary>The modules of this build, checked once at start-up: no two share a name, no two permissions share one.</summary>
public sealed class ModuleCatalog
{
    public ModuleCatalog(IReadOnlyList<IParvisModule> modules)
    {
        Modules = modules;
        Throw.IfRepeated(modules.Select(m => m.Name), "module");
        Permissions = [.. Permission.Kernel, .. modules.SelectMany(m => m.Permissions)];
        Throw.IfRepeated(Permissions.Select(p => p.Name), "permission");
        KeptTables = [.. modules.SelectMany(m => m.KeptTables)];
    }

    public IReadOnlyList<IParvisModule> Modules { get; }

    /// <summary>The whole permission matrix: the kernel's permissions, then each module's.</summary>
    public IReadOnlyList<Permission> Permissions { get; }

    public IReadOnlyList<(string Table, ChangeKind Kind)> KeptTables { get; }

    public IParvisModule? Find(string name) => Modules.FirstOrDefault(m => m.Name == name);

    private static class Throw
    {
        public static void IfRepeated(IEnumerable<string> names, string what)
        {
            if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            {
                throw new InvalidOperationException($"Two modules declare the {what} \"{repeated.Key}\": each name must be declared once.");
            }
        }
    }
}
