using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Kernel.Accountability;

/// <summary>The frameworks every organisation finds ready: ISO 26000, the SNDD 2010-2013 and the seeds' taxonomies.</summary>
public static class BuiltInFrameworks
{
    /// <summary>Key, French and English name, embedded file, and the taxonomy within it (null: the whole file).</summary>
    private static readonly (string Key, string Name, string NameEn, string File, string? Taxonomy)[] _all =
    [
        ("iso26000", "ISO 26000 : questions centrales de la responsabilité sociétale", "ISO 26000: core subjects of social responsibility", "iso26000-core-subjects", null),
        ("sndd-2010-2013", "SNDD 2010-2013 : défis clés du développement durable", "SNDD 2010-2013: key challenges of sustainable development", "sndd-2010-2013-challenges", null),
        ("cdpl-themes", "Thèmes du Conseil de développement du Pays de Lorient", "Themes of the Pays de Lorient development council", "seed-taxonomies", "cdpl-themes"),
        ("htd-democratic-issue-families", "Familles d'enjeux démocratiques du numérique (Human Tech Days)", "Families of democratic issues of digital technology (Human Tech Days)", "seed-taxonomies", "htd-democratic-issue-families"),
        ("moments-invention-parcours", "Parcours des Moments d'invention", "Tracks of the Moments d'invention", "seed-taxonomies", "moments-invention-parcours"),
        ("htd-2022-workshops", "Ateliers des Human Tech Days 2022", "Human Tech Days 2022 workshops", "seed-taxonomies", "htd-2022-workshops"),
    ];

    /// <summary>Adds those missing (at every start, so that a new version's frameworks appear); never changes existing ones.</summary>
    public static async Task EnsureAsync(ParvisDbContext db, CancellationToken cancellationToken = default)
    {
        var present = await db.Frameworks.Where(f => f.OrganisationId == null && f.Key != null).Select(f => f.Key!).ToListAsync(cancellationToken);
        foreach (var (key, name, nameEn, file, taxonomy) in _all.Where(f => !present.Contains(f.Key)))
        {
            using var stream = typeof(BuiltInFrameworks).Assembly.GetManifestResourceStream($"Frameworks.{file}.csv")!;
            var (lines, errors) = FrameworkCsv.Read(Spreadsheets.Read(stream, FrameworkCsv.Limits));
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"Built-in framework {file}: {string.Join(", ", errors)}");
            }
            var framework = new Framework { Key = key, Name = name, NameEn = nameEn };
            framework.Entries.AddRange(lines.Where(l => taxonomy is null || l.Taxonomy == taxonomy)
                .Select((l, i) => new FrameworkEntry { Code = l.Code, Label = l.Label, LabelEn = l.LabelEn, Position = i }));
            db.Frameworks.Add(framework);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
