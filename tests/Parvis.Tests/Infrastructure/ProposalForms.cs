using System.Net;

namespace Parvis.Tests.Infrastructure;

/// <summary>The proposal and comment forms, posted as a browser would, for the tests that need a discussion to work on.</summary>
public static class ProposalForms
{
    /// <summary>Posts a proposal in the process and returns its id, from the address it is shown at.</summary>
    public static async Task<Guid> ProposeAsync(Session session, string processSlug, string title, Guid? theme = null,
        string body = "Un texte assez long pour être une vraie proposition.")
    {
        var response = await session.PostAsync($"/processes/{processSlug}/proposals/new", new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Body"] = body,
            ["Input.ThemeId"] = theme?.ToString() ?? "",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        return Guid.Parse(response.Location!.Split('/')[^1]);
    }

    /// <summary>Posts a comment (a reply when a parent is given) and returns its id from the address it is shown at.</summary>
    public static async Task<string> CommentAsync(Session session, Guid proposalId, string body, string? parentId = null)
    {
        var fields = new Dictionary<string, string> { ["CommentBody"] = body };
        if (parentId is not null)
        {
            fields["ParentId"] = parentId;
        }
        var response = await session.PostAsync($"/proposals/{proposalId}?handler=Comment", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        return response.Location!.Split("#comment-")[1];
    }
}
