using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Kernel.People;

/// <summary>Links sent by e-mail or printed by commands; they carry the person's id, never their address.</summary>
public static class AccountLinks
{
    /// <param name="personId">Who confirms.</param>
    /// <param name="token">Identity's confirmation token.</param>
    /// <param name="returnUrl">Where they were going when they registered (a local address), to go on once signed in.</param>
    public static string Confirm(Guid personId, string token, string? returnUrl = null) =>
        $"/account/confirm?id={personId}&token={Uri.EscapeDataString(token)}"
        + (LocalAddresses.IsPlain(returnUrl) ? $"&returnUrl={Uri.EscapeDataString(returnUrl)}" : "");

    /// <summary>An account page's address, carrying where the person was going if they were going somewhere here.</summary>
    public static string Carrying(string page, string? returnUrl) =>
        LocalAddresses.IsPlain(returnUrl) ? $"{page}?returnUrl={Uri.EscapeDataString(returnUrl)}" : page;

    public static string Reset(Guid personId, string token) =>
        $"/account/reset?id={personId}&token={Uri.EscapeDataString(token)}";
}
