namespace Parvis.Web.Kernel.Setup;

/// <summary>
/// Parvis' own arguments, split from the ones ASP.NET Core reads (--urls, --Database:Provider…):
/// "--demo" to seed the demo organisation, or an administration command and its options.
/// </summary>
public sealed record CommandLine(string? Command, IReadOnlyDictionary<string, string> Options, bool Demo, string[] HostArguments)
{
    public static readonly string[] Commands = ["create-organisation", "create-admin", "reset-two-factor"];

    public static CommandLine Parse(string[] args)
    {
        var command = args.Length > 0 && Commands.Contains(args[0]) ? args[0] : null;
        var demo = args.Contains("--demo");
        if (command is null)
        {
            return new CommandLine(null, new Dictionary<string, string>(), demo, args.Where(a => a != "--demo").ToArray());
        }
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var host = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i].TrimStart('-');
            var isOwn = args[i].StartsWith("--", StringComparison.Ordinal) && !name.Contains(':') && i + 1 < args.Length;
            if (isOwn && name is not ("urls" or "environment" or "contentRoot"))
            {
                options[name] = args[++i];
            }
            else
            {
                host.Add(args[i]);
            }
        }
        return new CommandLine(command, options, demo, host.ToArray());
    }

    public string Required(string name) =>
        Options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new ArgumentException($"--{name} is required for {Command}.");
}
