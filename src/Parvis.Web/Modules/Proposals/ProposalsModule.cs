using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Proposals;

/// <summary>
/// The proposals module: participants write proposals, support them once each and discuss them in
/// threads; staff answer them officially. Pages are under Pages/ (public) and Pages/Admin/.
/// What it may do in a phase is the phase's ProposalsOpen, SupportsOpen and CommentsOpen switches.
/// </summary>
public static class ProposalsModule
{
    public static IServiceCollection AddProposalsModule(this IServiceCollection services)
    {
        services.AddScoped<ProposalCommands>();
        services.AddSingleton<SupportWriter>();
        services.AddHostedService(s => s.GetRequiredService<SupportWriter>());
        services.AddScoped<ProposalSearch>();
        services.AddScoped<PersonalSupports>();
        services.AddScoped<IPersonalDataSource, ProposalsPersonalData>();
        services.AddScoped<IContributionSource, ProposalsContributions>();
        return services;
    }

    /// <summary>Named for the change interceptor: a write to it drops what is kept of people's supports.</summary>
    public const string SupportsTable = "proposals_supports";

    internal static void BuildModel(ModelBuilder b)
    {
        b.Entity<Proposal>(e =>
        {
            e.ToTable("proposals_proposals");
            e.Property(p => p.Title).HasMaxLength(Proposal.TitleMax);
            e.Property(p => p.Body).HasMaxLength(Proposal.BodyMax);
            e.Property(p => p.Answer).HasMaxLength(Proposal.AnswerMax);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Theme>().WithMany().HasForeignKey(p => p.ThemeId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Proposal>().WithMany().HasForeignKey(p => p.MergedIntoId).OnDelete(DeleteBehavior.SetNull);
            // No index on the counters: a support then rewrites only its row, never the text-search indexes (below).
        });
        b.Entity<Comment>(e =>
        {
            e.ToTable("proposals_comments");
            e.Property(c => c.Body).HasMaxLength(Comment.BodyMax);
            e.HasIndex(c => c.ProposalId);
            e.HasOne<Proposal>().WithMany().HasForeignKey(c => c.ProposalId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Support>(e =>
        {
            e.ToTable(SupportsTable);
            // The database, not only the code, guarantees one support per person and proposal.
            e.HasIndex(s => new { s.ProposalId, s.PersonId }).IsUnique();
            e.HasIndex(s => s.PersonId);
            e.HasOne<Proposal>().WithMany().HasForeignKey(s => s.ProposalId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Kernel.People.Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.SetNull);
        });
    }

    /// <summary>
    /// French stemming that also ignores accents, as people often type without them; created by the
    /// PostgreSQL migration (unaccent extension + a copy of the "french" configuration).
    /// </summary>
    public const string PostgresFrench = "parvis_french";

    /// <summary>
    /// PostgreSQL full-text search: expression indexes for the French and English configurations. Room is left in
    /// each page so that a counter update stays on its page and skips every index (a "HOT" update): without it,
    /// each support would compute both text vectors again and grow the GIN indexes.
    /// </summary>
    internal static void BuildPostgresModel(ModelBuilder b) =>
        b.Entity<Proposal>(e =>
        {
            e.HasStorageParameter("fillfactor", 80);
            e.HasIndex(p => new { p.Title, p.Body }, "ix_proposals_search_fr").HasMethod("GIN").IsTsVectorExpressionIndex(PostgresFrench);
            e.HasIndex(p => new { p.Title, p.Body }, "ix_proposals_search_en").HasMethod("GIN").IsTsVectorExpressionIndex("english");
        });
}
