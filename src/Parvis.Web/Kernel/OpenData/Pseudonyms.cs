using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Kernel.OpenData;

/// <summary>
/// People in open data: an id that is the same in every file and every API answer of the organisation, so a
/// researcher can tell that two comments have one author, yet that names nobody and leads to no account (a keyed hash
/// of the person's id, the key the organisation's own and kept in the database, so every node agrees).
/// </summary>
public sealed class Pseudonyms(byte[] key)
{
    public const int KeyBytes = 32;

    public string Of(Guid person)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, person.ToByteArray(), hash);
        return "p-" + Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>The organisation's pseudonyms, its key made at first use (once, whichever node asks first).</summary>
    public static async Task<Pseudonyms> ForAsync(ParvisDbContext db, Guid organisationId, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(db, organisationId, cancellationToken);
        if (key is null)
        {
            var made = RandomNumberGenerator.GetBytes(KeyBytes);
            await db.Organisations.Where(o => o.Id == organisationId && o.OpenDataKey == null)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.OpenDataKey, made), cancellationToken);
            key = await KeyAsync(db, organisationId, cancellationToken);
        }
        return new Pseudonyms(key ?? throw new InvalidOperationException("The organisation has no open-data key."));
    }

    private static Task<byte[]?> KeyAsync(ParvisDbContext db, Guid organisationId, CancellationToken cancellationToken) =>
        db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.OpenDataKey).FirstOrDefaultAsync(cancellationToken);
}
