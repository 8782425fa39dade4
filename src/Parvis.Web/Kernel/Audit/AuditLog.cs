using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;

namespace Parvis.Web.Kernel.Audit;

/// <summary>Records what staff did. The entry joins the caller's unit of work, so it is saved with the change itself.</summary>
public sealed class AuditLog(DatabaseOnDemand database, CurrentOrganisation organisation, Authorizer authorizer)
{
    private ParvisDbContext Db => database.Context;

    public void Record(string action, string subject, string details = "") =>
        Db.AuditEntries.Add(new AuditEntry
        {
            OrganisationId = organisation.Id,
            ActorId = authorizer.PersonId,
            Action = action,
            Subject = subject,
            Details = details,
        });
}
