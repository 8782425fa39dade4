using Parvis.Web.Kernel.Permissions;

namespace Parvis.Web.Kernel.Contributions;

/// <summary>What a command did, or why it refused, as a resource key the page shows next to the action.</summary>
public sealed record CommandResult(bool Succeeded, string? ErrorKey = null, Guid? Id = null, bool NotFound = false)
{
    public static CommandResult Done(Guid? id = null) => new(true, Id: id);
    public static CommandResult Missing() => new(false, "Error.NotFound", NotFound: true);
    public static CommandResult Refused(string errorKey) => new(false, errorKey);

    public static CommandResult Refused(Decision decision) => decision == Decision.NotInProcess ? Missing() : new(false, decision switch
    {
        Decision.SignInRequired => "Error.SignInRequired",
        Decision.PhaseClosed => "Error.PhaseClosed",
        Decision.OutsideMandate => "Error.OutsideMandate",
        _ => "Error.Forbidden",
    });
}
