using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Parvis.Web.Kernel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Accent-insensitive French search: unaccent (a trusted extension) before French stemming.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            migrationBuilder.Sql("""
                CREATE TEXT SEARCH CONFIGURATION parvis_french (COPY = french);
                ALTER TEXT SEARCH CONFIGURATION parvis_french
                    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
                """);

            migrationBuilder.CreateTable(
                name: "kernel_audit_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    Action = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Details = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_audit_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "kernel_identity_roles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_identity_roles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "kernel_moderation_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContributionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContributionKind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ModeratorId = table.Column<Guid>(type: "uuid", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_moderation_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "kernel_organisations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    AccentColour = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    DefaultCulture = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Charter = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_organisations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "kernel_people",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Pseudonym = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_people", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "kernel_identity_role_claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_identity_role_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_identity_role_claims_kernel_identity_roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "kernel_identity_roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_organisation_hosts",
                columns: table => new
                {
                    Host = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_organisation_hosts", x => x.Host);
                    table.ForeignKey(
                        name: "FK_kernel_organisation_hosts_kernel_organisations_Organisation~",
                        column: x => x.OrganisationId,
                        principalTable: "kernel_organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_processes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Title = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    PlainSummary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Description = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Territory = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Published = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_processes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_processes_kernel_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "kernel_organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_identity_user_claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_identity_user_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_identity_user_claims_kernel_people_UserId",
                        column: x => x.UserId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_identity_user_logins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_identity_user_logins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_kernel_identity_user_logins_kernel_people_UserId",
                        column: x => x.UserId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_identity_user_roles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_identity_user_roles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_kernel_identity_user_roles_kernel_identity_roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "kernel_identity_roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_identity_user_roles_kernel_people_UserId",
                        column: x => x.UserId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_identity_user_tokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_identity_user_tokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_kernel_identity_user_tokens_kernel_people_UserId",
                        column: x => x.UserId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_contributions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HiddenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HiddenReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ErasedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_contributions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_contributions_kernel_people_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_kernel_contributions_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_phases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ProposalsOpen = table.Column<bool>(type: "boolean", nullable: false),
                    SupportsOpen = table.Column<bool>(type: "boolean", nullable: false),
                    CommentsOpen = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_phases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_phases_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_role_assignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: true),
                    Role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    GrantedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_role_assignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_role_assignments_kernel_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "kernel_organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_role_assignments_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_role_assignments_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_themes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_themes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_themes_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_contribution_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContributionId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReporterId = table.Column<Guid>(type: "uuid", nullable: true),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_contribution_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_contribution_reports_kernel_contributions_Contributi~",
                        column: x => x.ContributionId,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_contribution_reports_kernel_people_ReporterId",
                        column: x => x.ReporterId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "proposals_proposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Body = table.Column<string>(type: "character varying(6000)", maxLength: 6000, nullable: false),
                    ThemeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SupportCount = table.Column<int>(type: "integer", nullable: false),
                    CommentCount = table.Column<int>(type: "integer", nullable: false),
                    EditedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Answer = table.Column<string>(type: "character varying(6000)", maxLength: 6000, nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MergedIntoId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_proposals_proposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_proposals_proposals_kernel_contributions_Id",
                        column: x => x.Id,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_proposals_proposals_kernel_themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "kernel_themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_proposals_proposals_proposals_proposals_MergedIntoId",
                        column: x => x.MergedIntoId,
                        principalTable: "proposals_proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "proposals_comments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProposalId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Depth = table.Column<int>(type: "integer", nullable: false),
                    Body = table.Column<string>(type: "character varying(3000)", maxLength: 3000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_proposals_comments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_proposals_comments_kernel_contributions_Id",
                        column: x => x.Id,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_proposals_comments_proposals_comments_ParentId",
                        column: x => x.ParentId,
                        principalTable: "proposals_comments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_proposals_comments_proposals_proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "proposals_proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "proposals_supports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProposalId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_proposals_supports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_proposals_supports_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_proposals_supports_proposals_proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "proposals_proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_audit_entries_OrganisationId_At",
                table: "kernel_audit_entries",
                columns: new[] { "OrganisationId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_contribution_reports_ContributionId",
                table: "kernel_contribution_reports",
                column: "ContributionId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_contribution_reports_OrganisationId_ResolvedAt",
                table: "kernel_contribution_reports",
                columns: new[] { "OrganisationId", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_contribution_reports_ReporterId",
                table: "kernel_contribution_reports",
                column: "ReporterId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_contributions_AuthorId",
                table: "kernel_contributions",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_contributions_ProcessId_CreatedAt",
                table: "kernel_contributions",
                columns: new[] { "ProcessId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_identity_role_claims_RoleId",
                table: "kernel_identity_role_claims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "kernel_identity_roles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_kernel_identity_user_claims_UserId",
                table: "kernel_identity_user_claims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_identity_user_logins_UserId",
                table: "kernel_identity_user_logins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_identity_user_roles_RoleId",
                table: "kernel_identity_user_roles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_moderation_decisions_OrganisationId_DecidedAt",
                table: "kernel_moderation_decisions",
                columns: new[] { "OrganisationId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_organisation_hosts_OrganisationId",
                table: "kernel_organisation_hosts",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_organisations_Slug",
                table: "kernel_organisations",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "kernel_people",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_people_Pseudonym",
                table: "kernel_people",
                column: "Pseudonym",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "kernel_people",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_kernel_phases_ProcessId",
                table: "kernel_phases",
                column: "ProcessId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_processes_OrganisationId_Slug",
                table: "kernel_processes",
                columns: new[] { "OrganisationId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_kernel_role_assignments_OrganisationId",
                table: "kernel_role_assignments",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_role_assignments_PersonId_OrganisationId",
                table: "kernel_role_assignments",
                columns: new[] { "PersonId", "OrganisationId" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_role_assignments_ProcessId",
                table: "kernel_role_assignments",
                column: "ProcessId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_themes_ProcessId_Name",
                table: "kernel_themes",
                columns: new[] { "ProcessId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_proposals_comments_ParentId",
                table: "proposals_comments",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_comments_ProposalId",
                table: "proposals_comments",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_proposals_MergedIntoId",
                table: "proposals_proposals",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_proposals_SupportCount",
                table: "proposals_proposals",
                column: "SupportCount");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_proposals_ThemeId",
                table: "proposals_proposals",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "ix_proposals_search_en",
                table: "proposals_proposals",
                columns: new[] { "Title", "Body" })
                .Annotation("Npgsql:IndexMethod", "GIN")
                .Annotation("Npgsql:TsVectorConfig", "english");

            migrationBuilder.CreateIndex(
                name: "ix_proposals_search_fr",
                table: "proposals_proposals",
                columns: new[] { "Title", "Body" })
                .Annotation("Npgsql:IndexMethod", "GIN")
                .Annotation("Npgsql:TsVectorConfig", "parvis_french");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_supports_PersonId",
                table: "proposals_supports",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_supports_ProposalId_PersonId",
                table: "proposals_supports",
                columns: new[] { "ProposalId", "PersonId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kernel_audit_entries");

            migrationBuilder.DropTable(
                name: "kernel_contribution_reports");

            migrationBuilder.DropTable(
                name: "kernel_identity_role_claims");

            migrationBuilder.DropTable(
                name: "kernel_identity_user_claims");

            migrationBuilder.DropTable(
                name: "kernel_identity_user_logins");

            migrationBuilder.DropTable(
                name: "kernel_identity_user_roles");

            migrationBuilder.DropTable(
                name: "kernel_identity_user_tokens");

            migrationBuilder.DropTable(
                name: "kernel_moderation_decisions");

            migrationBuilder.DropTable(
                name: "kernel_organisation_hosts");

            migrationBuilder.DropTable(
                name: "kernel_phases");

            migrationBuilder.DropTable(
                name: "kernel_role_assignments");

            migrationBuilder.DropTable(
                name: "proposals_comments");

            migrationBuilder.DropTable(
                name: "proposals_supports");

            migrationBuilder.DropTable(
                name: "kernel_identity_roles");

            migrationBuilder.DropTable(
                name: "proposals_proposals");

            migrationBuilder.DropTable(
                name: "kernel_contributions");

            migrationBuilder.DropTable(
                name: "kernel_themes");

            migrationBuilder.DropTable(
                name: "kernel_people");

            migrationBuilder.DropTable(
                name: "kernel_processes");

            migrationBuilder.DropTable(
                name: "kernel_organisations");
            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION IF EXISTS parvis_french;");
        }
    }
}
