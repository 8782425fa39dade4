using System.Collections;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Setup;

namespace Parvis.Web.Kernel.Offline;

/// <summary>
/// The files a laptop without network exchanges with the main installation, whatever the module: a package goes to
/// the laptop (what is to be run there, and a key made for this export); a bundle comes back, signed with that key
/// (HMAC-SHA256 over the exact bytes of the payload), so the main installation rejects one that was changed or that
/// answers no export of its own. The payload names its format, which says which module receives it.
/// </summary>
public sealed record SignedFile(string Payload, string? Signature)
{
    /// <summary>A package or bundle holds one workshop's or one survey's text, well under a megabyte; far more is not one.</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly JsonSerializerOptions _indented = new(_json) { WriteIndented = true };

    public static byte[] Write<T>(T payload, byte[]? key)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload, _json);
        var file = new SignedFile(Convert.ToBase64String(bytes), key is null ? null : Convert.ToBase64String(HMACSHA256.HashData(key, bytes)));
        return JsonSerializer.SerializeToUtf8Bytes(file, _indented);
    }

    /// <summary>The file's payload and its signed bytes, or null when it is not such a file, or not of that payload.</summary>
    public static (T Payload, byte[] Bytes, byte[]? Signature)? Read<T>(Stream file) where T : class
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<SignedFile>(file, _json);
            if (envelope?.Payload is null)
            {
                return null;
            }
            var bytes = Convert.FromBase64String(envelope.Payload);
            return JsonSerializer.Deserialize<T>(bytes, _json) is { } payload
                ? (payload, bytes, envelope.Signature is null ? null : Convert.FromBase64String(envelope.Signature))
                : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The format a file's payload names ("parvis-offline-workshop"), or null when it is no such file.</summary>
    public static string? Format(byte[] file)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<SignedFile>(file, _json);
            return envelope?.Payload is null ? null : JsonNode.Parse(Convert.FromBase64String(envelope.Payload))?["format"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    public static bool Verify(byte[] bytes, byte[]? signature, byte[] key) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, bytes), signature);

    private const int KeyBytes = 32;

    /// <summary>A key made for one export (base64): it signs the bundles that answer it.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>Whether a package's key is one <see cref="NewKey"/> makes: the laptop signs its bundles with it.</summary>
    public static bool IsKey(string key)
    {
        Span<byte> bytes = stackalloc byte[KeyBytes + 1];
        return Convert.TryFromBase64String(key, bytes, out var written) && written == KeyBytes;
    }

    /// <summary>
    /// Whether a payload has every part its records promise: no null where they allow none, in lists and maps too, and
    /// no number its enums do not name. The reader lets a hand-edited package say otherwise, and a package is not signed.
    /// </summary>
    public static bool Whole(object payload) => Whole(payload, new NullabilityInfoContext());

    private static bool Whole(object value, NullabilityInfoContext nullability)
    {
        var type = value.GetType();
        if (type.IsEnum)
        {
            return Enum.IsDefined(type, value);
        }
        // Only this application's records have parts to look into; computed properties (no setter) are not read from the file.
        return type.Assembly != typeof(SignedFile).Assembly
            || type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null && p.GetIndexParameters().Length == 0)
                .All(p => Fits(p.GetValue(value), nullability.Create(p), nullability));
    }

    private static bool Fits(object? value, NullabilityInfo declared, NullabilityInfoContext nullability) => value switch
    {
        null => declared.ReadState != NullabilityState.NotNull,
        string => true,
        IDictionary map => map.Values.Cast<object?>().All(v => Fits(v, declared.GenericTypeArguments[^1], nullability)),
        IEnumerable list => list.Cast<object?>().All(e => Fits(e, declared.ElementType ?? declared.GenericTypeArguments[0], nullability)),
        _ => Whole(value, nullability),
    };
}

/// <summary>Something a module sends to a laptop (a workshop, a survey) as received there: its title, its page, when.</summary>
public sealed record ReceivedCopy(string Title, string Address, DateTimeOffset ReceivedAt);

/// <summary>
/// A module's packages, received on the laptop: the kernel's page takes the file and hands it to the module whose
/// format it names.
/// </summary>
public interface IOfflinePackages
{
    /// <summary>The format its packages name.</summary>
    string Format { get; }

    /// <summary>Sets up what the package holds; the result's id is what <see cref="Address"/> leads to.</summary>
    Task<CommandResult> ReceiveAsync(Stream file);

    /// <summary>Where what was received is run on the laptop.</summary>
    string Address(Guid id);

    /// <summary>What this laptop has received of the module's.</summary>
    Task<IReadOnlyList<ReceivedCopy>> ReceivedAsync();
}

public static class OfflinePackages
{
    /// <summary>
    /// Saves what a received package set up, with its transaction, or nothing: a text past its column, an id already
    /// used here or a reference to nothing is the file's doing, as the laptop's staff are told, not an error of ours.
    /// </summary>
    public static async Task<CommandResult> SaveAsync(ParvisDbContext db, IDbContextTransaction transaction, Guid received)
    {
        if (DatabaseErrors.Overlong(db) is not null)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused("Laptop.Damaged");
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsConstraintViolation(e))
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused("Laptop.Damaged");
        }
        await transaction.CommitAsync();
        return CommandResult.Done(received);
    }
}

public sealed record OfflineTheme(Guid Id, string Name, int Position);

/// <summary>The process a package's content belongs to, as the laptop sets it up.</summary>
public sealed record OfflineProcess(Guid Id, string Slug, string Title, string Summary, IReadOnlyList<OfflineTheme> Themes)
{
    public static OfflineProcess Of(Process process, IEnumerable<Theme> themes) =>
        new(process.Id, process.Slug, process.Title, process.Summary, [.. themes.Select(t => new OfflineTheme(t.Id, t.Name, t.Position))]);

    /// <summary>Whether a package's process can be set up as it says: a title, each theme once and named.</summary>
    public bool Sound => !string.IsNullOrWhiteSpace(Title) && Themes.DistinctBy(t => t.Id).Count() == Themes.Count && Themes.All(t => !string.IsNullOrWhiteSpace(t.Name));

    /// <summary>
    /// On the laptop: the process (with the same id, its slug changed if this installation has another of that name),
    /// created if this is its first package here, and using the module; null when its id is another organisation's.
    /// </summary>
    public static async Task<Process?> CopyAsync(ParvisDbContext db, Guid organisationId, OfflineProcess source, string module)
    {
        var process = await db.Processes.FirstOrDefaultAsync(p => p.Id == source.Id);
        if (process is not null && process.OrganisationId != organisationId)
        {
            return null;
        }
        if (process is null)
        {
            // Read as a title would be: a hand-edited package's slug could hold what no address can.
            var slug = Slugs.From(source.Slug, 70);
            if (await db.Processes.AnyAsync(p => p.OrganisationId == organisationId && p.Slug == slug))
            {
                slug = $"{slug[..Math.Min(slug.Length, 50)]}-{source.Id.ToString()[..8]}";
            }
            process = new Process { Id = source.Id, OrganisationId = organisationId, Slug = slug, Title = source.Title, Summary = source.Summary, Published = true };
            process.Themes.AddRange(source.Themes.Select(t => new Theme { Id = t.Id, Name = t.Name, Position = t.Position }));
            db.Processes.Add(process);
        }
        else
        {
            // A later package of the same process may name themes added on the main installation since the first.
            var here = await db.Themes.Where(t => t.ProcessId == process.Id).Select(t => new { t.Id, t.Name }).ToListAsync();
            db.Themes.AddRange(source.Themes.Where(t => here.All(h => h.Id != t.Id && !string.Equals(h.Name, t.Name, StringComparison.OrdinalIgnoreCase)))
                .Select(t => new Theme { Id = t.Id, ProcessId = process.Id, Name = t.Name, Position = t.Position }));
        }
        // The laptop runs what it received: its copy of the process uses the module, whatever it used before.
        if (process.Components.FirstOrDefault(c => c.Module == module) is { } component)
        {
            component.Enabled = true;
        }
        else
        {
            process.Components.Add(new ProcessComponent { Module = module, Position = process.Components.Count + 1 });
        }
        return process;
    }
}
