namespace Parvis.Web.Kernel.Setup;

/// <summary>
/// A command run instead of the server that needs no database and no configuration (`dotnet run -- opinion-map ...`):
/// modules list theirs in Modules/Installed.cs. It gets all the arguments, its own name first, and returns the exit code.
/// </summary>
public sealed record OfflineCommand(string Name, Func<string[], TextWriter, TextWriter, int> Run)
{
    /// <summary>
    /// `dotnet run --project` starts the program in the project's folder; the shell's PWD says where the person typed
    /// the command, which is what a relative path means to them.
    /// </summary>
    public static string CallerPath(string path) =>
        Path.IsPathRooted(path) || Environment.GetEnvironmentVariable("PWD") is not { Length: > 0 } caller
            ? path
            : Path.GetFullPath(path, caller);
}
