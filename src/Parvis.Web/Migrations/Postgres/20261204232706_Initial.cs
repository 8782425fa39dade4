using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Parvis.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // French full-text search that ignores accents (see ProposalsModule.PostgresFrench).
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
                name: "kernel_frameworks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_frameworks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_frameworks_kernel_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "kernel_organisations",
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
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CommentsAwaitFate = table.Column<bool>(type: "boolean", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosingNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ClosedWithoutFate = table.Column<int>(type: "integer", nullable: false)
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
                name: "kernel_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Device = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Persistent = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_sessions_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_framework_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FrameworkId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Label = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    LabelEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_framework_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_framework_entries_kernel_frameworks_FrameworkId",
                        column: x => x.FrameworkId,
                        principalTable: "kernel_frameworks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_analysis_grids",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RowFrameworkId = table.Column<Guid>(type: "uuid", nullable: false),
                    ColumnFrameworkId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_analysis_grids", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_analysis_grids_kernel_frameworks_ColumnFrameworkId",
                        column: x => x.ColumnFrameworkId,
                        principalTable: "kernel_frameworks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_kernel_analysis_grids_kernel_frameworks_RowFrameworkId",
                        column: x => x.RowFrameworkId,
                        principalTable: "kernel_frameworks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_kernel_analysis_grids_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
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
                    Origin = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HiddenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HiddenReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ErasedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Fate = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    FateDecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                name: "kernel_process_reports",
                columns: table => new
                {
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    Referral = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Introduction = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Conclusion = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_process_reports", x => x.ProcessId);
                    table.ForeignKey(
                        name: "FK_kernel_process_reports_kernel_processes_ProcessId",
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
                name: "meetings_meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OnlineLink = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Agenda = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Registration = table.Column<bool>(type: "boolean", nullable: false),
                    Minutes = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: false),
                    OnlineAttendance = table.Column<int>(type: "integer", nullable: true),
                    Sequence = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meetings_meetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meetings_meetings_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workshops_workshops",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    JoinCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    CurrentTimeId = table.Column<Guid>(type: "uuid", nullable: true),
                    TimeStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_workshops", x => x.Id);
                    table.ForeignKey(
                        name: "FK_workshops_workshops_kernel_processes_ProcessId",
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
                name: "opinionmaps_maps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    PhaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Question = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PreModeration = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Result = table.Column<string>(type: "text", nullable: true),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opinionmaps_maps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_opinionmaps_maps_kernel_phases_PhaseId",
                        column: x => x.PhaseId,
                        principalTable: "kernel_phases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_opinionmaps_maps_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_synthesis_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(6000)", maxLength: 6000, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    ThemeId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Progress = table.Column<int>(type: "integer", nullable: false),
                    ResponsibleBody = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LastUpdateOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_synthesis_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_synthesis_items_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_synthesis_items_kernel_themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "kernel_themes",
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
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.CreateTable(
                name: "meetings_sites",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Access = table.Column<int>(type: "integer", nullable: false),
                    AccessNotes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: true),
                    Attendance = table.Column<int>(type: "integer", nullable: true),
                    FacilitatorId = table.Column<Guid>(type: "uuid", nullable: true),
                    Revision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meetings_sites", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meetings_sites_kernel_people_FacilitatorId",
                        column: x => x.FacilitatorId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_meetings_sites_meetings_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meetings_uncovered_themes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    ThemeId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meetings_uncovered_themes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meetings_uncovered_themes_kernel_themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "kernel_themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meetings_uncovered_themes_meetings_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workshops_groups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkshopId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Question = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    FacilitatorId = table.Column<Guid>(type: "uuid", nullable: true),
                    ThemeId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_groups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_workshops_groups_kernel_people_FacilitatorId",
                        column: x => x.FacilitatorId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_workshops_groups_kernel_themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "kernel_themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_workshops_groups_workshops_workshops_WorkshopId",
                        column: x => x.WorkshopId,
                        principalTable: "workshops_workshops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workshops_offline_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkshopId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ExportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Baseline = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_offline_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_workshops_offline_links_workshops_workshops_WorkshopId",
                        column: x => x.WorkshopId,
                        principalTable: "workshops_workshops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workshops_times",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkshopId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Instructions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: true),
                    Output = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    MinItems = table.Column<int>(type: "integer", nullable: true),
                    MaxItems = table.Column<int>(type: "integer", nullable: true),
                    Gathered = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_times", x => x.Id);
                    table.ForeignKey(
                        name: "FK_workshops_times_workshops_workshops_WorkshopId",
                        column: x => x.WorkshopId,
                        principalTable: "workshops_workshops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "opinionmaps_participants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OpinionMapId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opinionmaps_participants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_opinionmaps_participants_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_opinionmaps_participants_opinionmaps_maps_OpinionMapId",
                        column: x => x.OpinionMapId,
                        principalTable: "opinionmaps_maps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "opinionmaps_statements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OpinionMapId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    Text = table.Column<string>(type: "character varying(280)", maxLength: 280, nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ImportedAuthor = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opinionmaps_statements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_opinionmaps_statements_kernel_contributions_Id",
                        column: x => x.Id,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_opinionmaps_statements_opinionmaps_maps_OpinionMapId",
                        column: x => x.OpinionMapId,
                        principalTable: "opinionmaps_maps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_fate_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContributionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Fate = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SynthesisItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    MergedIntoId = table.Column<Guid>(type: "uuid", nullable: true),
                    AnalystId = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_fate_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_fate_decisions_kernel_contributions_ContributionId",
                        column: x => x.ContributionId,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_fate_decisions_kernel_contributions_MergedIntoId",
                        column: x => x.MergedIntoId,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_kernel_fate_decisions_kernel_people_AnalystId",
                        column: x => x.AnalystId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_kernel_fate_decisions_kernel_synthesis_items_SynthesisItemId",
                        column: x => x.SynthesisItemId,
                        principalTable: "kernel_synthesis_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "kernel_grid_codings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GridId = table.Column<Guid>(type: "uuid", nullable: false),
                    RowEntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    ColumnEntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sign = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ContributionId = table.Column<Guid>(type: "uuid", nullable: true),
                    SynthesisItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    CodedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_grid_codings", x => x.Id);
                    table.CheckConstraint("ck_grid_codings_one_subject", "(\"ContributionId\" IS NULL) <> (\"SynthesisItemId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_kernel_grid_codings_kernel_analysis_grids_GridId",
                        column: x => x.GridId,
                        principalTable: "kernel_analysis_grids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_grid_codings_kernel_contributions_ContributionId",
                        column: x => x.ContributionId,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_grid_codings_kernel_framework_entries_ColumnEntryId",
                        column: x => x.ColumnEntryId,
                        principalTable: "kernel_framework_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_kernel_grid_codings_kernel_framework_entries_RowEntryId",
                        column: x => x.RowEntryId,
                        principalTable: "kernel_framework_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_kernel_grid_codings_kernel_synthesis_items_SynthesisItemId",
                        column: x => x.SynthesisItemId,
                        principalTable: "kernel_synthesis_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_result_updates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    SynthesisItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Progress = table.Column<int>(type: "integer", nullable: false),
                    ResponsibleBody = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_result_updates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_result_updates_kernel_people_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_kernel_result_updates_kernel_synthesis_items_SynthesisItemId",
                        column: x => x.SynthesisItemId,
                        principalTable: "kernel_synthesis_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_synthesis_item_links",
                columns: table => new
                {
                    FromItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToItemId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_synthesis_item_links", x => new { x.FromItemId, x.ToItemId });
                    table.ForeignKey(
                        name: "FK_kernel_synthesis_item_links_kernel_synthesis_items_FromItem~",
                        column: x => x.FromItemId,
                        principalTable: "kernel_synthesis_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_synthesis_item_links_kernel_synthesis_items_ToItemId",
                        column: x => x.ToItemId,
                        principalTable: "kernel_synthesis_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_synthesis_links",
                columns: table => new
                {
                    SynthesisItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContributionId = table.Column<Guid>(type: "uuid", nullable: false),
                    LinkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_synthesis_links", x => new { x.SynthesisItemId, x.ContributionId });
                    table.ForeignKey(
                        name: "FK_kernel_synthesis_links_kernel_contributions_ContributionId",
                        column: x => x.ContributionId,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_synthesis_links_kernel_synthesis_items_SynthesisItem~",
                        column: x => x.SynthesisItemId,
                        principalTable: "kernel_synthesis_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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

            migrationBuilder.CreateTable(
                name: "meetings_questions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ThemeId = table.Column<Guid>(type: "uuid", nullable: true),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: true),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: true),
                    ExpertId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Answer = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    AnsweredById = table.Column<Guid>(type: "uuid", nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnsweredAtMeetingId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meetings_questions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meetings_questions_kernel_contributions_Id",
                        column: x => x.Id,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meetings_questions_kernel_people_AnsweredById",
                        column: x => x.AnsweredById,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_meetings_questions_kernel_people_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_meetings_questions_kernel_themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "kernel_themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_meetings_questions_meetings_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_meetings_questions_meetings_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "meetings_sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "meetings_registrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meetings_registrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meetings_registrations_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meetings_registrations_meetings_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meetings_registrations_meetings_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "meetings_sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "meetings_remarks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: true),
                    ThemeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meetings_remarks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meetings_remarks_kernel_contributions_Id",
                        column: x => x.Id,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meetings_remarks_kernel_themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "kernel_themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_meetings_remarks_meetings_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meetings_remarks_meetings_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "meetings_sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "workshops_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkshopId = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Carried = table.Column<bool>(type: "boolean", nullable: false),
                    MergedIntoId = table.Column<Guid>(type: "uuid", nullable: true),
                    ResourceStatus = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_workshops_items_kernel_contributions_Id",
                        column: x => x.Id,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_workshops_items_workshops_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "workshops_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_workshops_items_workshops_workshops_WorkshopId",
                        column: x => x.WorkshopId,
                        principalTable: "workshops_workshops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workshops_offline_imports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LinkId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkshopId = table.Column<Guid>(type: "uuid", nullable: false),
                    BundleHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Added = table.Column<int>(type: "integer", nullable: false),
                    Updated = table.Column<int>(type: "integer", nullable: false),
                    Conflicts = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ImportedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_offline_imports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_workshops_offline_imports_workshops_offline_links_LinkId",
                        column: x => x.LinkId,
                        principalTable: "workshops_offline_links",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "opinionmaps_votes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OpinionMapId = table.Column<Guid>(type: "uuid", nullable: false),
                    StatementId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Value = table.Column<int>(type: "integer", nullable: false),
                    CastAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opinionmaps_votes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_opinionmaps_votes_opinionmaps_maps_OpinionMapId",
                        column: x => x.OpinionMapId,
                        principalTable: "opinionmaps_maps",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_opinionmaps_votes_opinionmaps_participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "opinionmaps_participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_opinionmaps_votes_opinionmaps_statements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "opinionmaps_statements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_analysis_grids_ColumnFrameworkId",
                table: "kernel_analysis_grids",
                column: "ColumnFrameworkId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_analysis_grids_ProcessId",
                table: "kernel_analysis_grids",
                column: "ProcessId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_analysis_grids_RowFrameworkId",
                table: "kernel_analysis_grids",
                column: "RowFrameworkId");

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
                name: "IX_kernel_contributions_ProcessId_Fate",
                table: "kernel_contributions",
                columns: new[] { "ProcessId", "Fate" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_fate_decisions_AnalystId",
                table: "kernel_fate_decisions",
                column: "AnalystId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_fate_decisions_ContributionId_DecidedAt",
                table: "kernel_fate_decisions",
                columns: new[] { "ContributionId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_fate_decisions_MergedIntoId",
                table: "kernel_fate_decisions",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_fate_decisions_SynthesisItemId",
                table: "kernel_fate_decisions",
                column: "SynthesisItemId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_framework_entries_FrameworkId_Code",
                table: "kernel_framework_entries",
                columns: new[] { "FrameworkId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_kernel_frameworks_OrganisationId_Key",
                table: "kernel_frameworks",
                columns: new[] { "OrganisationId", "Key" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_grid_codings_ColumnEntryId",
                table: "kernel_grid_codings",
                column: "ColumnEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_grid_codings_ContributionId",
                table: "kernel_grid_codings",
                column: "ContributionId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_grid_codings_GridId_RowEntryId_ColumnEntryId",
                table: "kernel_grid_codings",
                columns: new[] { "GridId", "RowEntryId", "ColumnEntryId" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_grid_codings_RowEntryId",
                table: "kernel_grid_codings",
                column: "RowEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_grid_codings_SynthesisItemId",
                table: "kernel_grid_codings",
                column: "SynthesisItemId");

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
                name: "IX_kernel_result_updates_AuthorId",
                table: "kernel_result_updates",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_result_updates_SynthesisItemId_On",
                table: "kernel_result_updates",
                columns: new[] { "SynthesisItemId", "On" });

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
                name: "IX_kernel_sessions_PersonId",
                table: "kernel_sessions",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_synthesis_item_links_ToItemId",
                table: "kernel_synthesis_item_links",
                column: "ToItemId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_synthesis_items_ProcessId_Kind_Position",
                table: "kernel_synthesis_items",
                columns: new[] { "ProcessId", "Kind", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_synthesis_items_ThemeId",
                table: "kernel_synthesis_items",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_synthesis_links_ContributionId",
                table: "kernel_synthesis_links",
                column: "ContributionId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_themes_ProcessId_Name",
                table: "kernel_themes",
                columns: new[] { "ProcessId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meetings_meetings_ProcessId_StartsAt",
                table: "meetings_meetings",
                columns: new[] { "ProcessId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_meetings_questions_AnsweredById",
                table: "meetings_questions",
                column: "AnsweredById");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_questions_ExpertId",
                table: "meetings_questions",
                column: "ExpertId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_questions_MeetingId",
                table: "meetings_questions",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_questions_SiteId",
                table: "meetings_questions",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_questions_ThemeId",
                table: "meetings_questions",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_registrations_MeetingId_PersonId",
                table: "meetings_registrations",
                columns: new[] { "MeetingId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meetings_registrations_PersonId",
                table: "meetings_registrations",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_registrations_SiteId_Status_CreatedAt",
                table: "meetings_registrations",
                columns: new[] { "SiteId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_meetings_remarks_MeetingId",
                table: "meetings_remarks",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_remarks_SiteId",
                table: "meetings_remarks",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_remarks_ThemeId",
                table: "meetings_remarks",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_sites_FacilitatorId",
                table: "meetings_sites",
                column: "FacilitatorId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_sites_MeetingId",
                table: "meetings_sites",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_uncovered_themes_MeetingId_ThemeId",
                table: "meetings_uncovered_themes",
                columns: new[] { "MeetingId", "ThemeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meetings_uncovered_themes_ThemeId",
                table: "meetings_uncovered_themes",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_maps_PhaseId",
                table: "opinionmaps_maps",
                column: "PhaseId");

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_maps_ProcessId",
                table: "opinionmaps_maps",
                column: "ProcessId");

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_participants_OpinionMapId_Number",
                table: "opinionmaps_participants",
                columns: new[] { "OpinionMapId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_participants_OpinionMapId_PersonId",
                table: "opinionmaps_participants",
                columns: new[] { "OpinionMapId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_participants_PersonId",
                table: "opinionmaps_participants",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_statements_OpinionMapId_Number",
                table: "opinionmaps_statements",
                columns: new[] { "OpinionMapId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_votes_OpinionMapId_CastAt",
                table: "opinionmaps_votes",
                columns: new[] { "OpinionMapId", "CastAt" });

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_votes_ParticipantId",
                table: "opinionmaps_votes",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_votes_StatementId_ParticipantId",
                table: "opinionmaps_votes",
                columns: new[] { "StatementId", "ParticipantId" },
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

            migrationBuilder.CreateIndex(
                name: "IX_workshops_groups_FacilitatorId",
                table: "workshops_groups",
                column: "FacilitatorId");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_groups_ThemeId",
                table: "workshops_groups",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_groups_WorkshopId",
                table: "workshops_groups",
                column: "WorkshopId");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_items_GroupId",
                table: "workshops_items",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_items_ParentId",
                table: "workshops_items",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_items_WorkshopId_GroupId",
                table: "workshops_items",
                columns: new[] { "WorkshopId", "GroupId" });

            migrationBuilder.CreateIndex(
                name: "IX_workshops_offline_imports_LinkId",
                table: "workshops_offline_imports",
                column: "LinkId");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_offline_imports_WorkshopId_BundleHash",
                table: "workshops_offline_imports",
                columns: new[] { "WorkshopId", "BundleHash" });

            migrationBuilder.CreateIndex(
                name: "IX_workshops_offline_links_WorkshopId",
                table: "workshops_offline_links",
                column: "WorkshopId");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_times_WorkshopId",
                table: "workshops_times",
                column: "WorkshopId");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_workshops_JoinCode",
                table: "workshops_workshops",
                column: "JoinCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_workshops_workshops_ProcessId",
                table: "workshops_workshops",
                column: "ProcessId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kernel_audit_entries");

            migrationBuilder.DropTable(
                name: "kernel_contribution_reports");

            migrationBuilder.DropTable(
                name: "kernel_fate_decisions");

            migrationBuilder.DropTable(
                name: "kernel_grid_codings");

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
                name: "kernel_process_reports");

            migrationBuilder.DropTable(
                name: "kernel_result_updates");

            migrationBuilder.DropTable(
                name: "kernel_role_assignments");

            migrationBuilder.DropTable(
                name: "kernel_sessions");

            migrationBuilder.DropTable(
                name: "kernel_synthesis_item_links");

            migrationBuilder.DropTable(
                name: "kernel_synthesis_links");

            migrationBuilder.DropTable(
                name: "meetings_questions");

            migrationBuilder.DropTable(
                name: "meetings_registrations");

            migrationBuilder.DropTable(
                name: "meetings_remarks");

            migrationBuilder.DropTable(
                name: "meetings_uncovered_themes");

            migrationBuilder.DropTable(
                name: "opinionmaps_votes");

            migrationBuilder.DropTable(
                name: "proposals_comments");

            migrationBuilder.DropTable(
                name: "proposals_supports");

            migrationBuilder.DropTable(
                name: "workshops_items");

            migrationBuilder.DropTable(
                name: "workshops_offline_imports");

            migrationBuilder.DropTable(
                name: "workshops_times");

            migrationBuilder.DropTable(
                name: "kernel_analysis_grids");

            migrationBuilder.DropTable(
                name: "kernel_framework_entries");

            migrationBuilder.DropTable(
                name: "kernel_identity_roles");

            migrationBuilder.DropTable(
                name: "kernel_synthesis_items");

            migrationBuilder.DropTable(
                name: "meetings_sites");

            migrationBuilder.DropTable(
                name: "opinionmaps_participants");

            migrationBuilder.DropTable(
                name: "opinionmaps_statements");

            migrationBuilder.DropTable(
                name: "proposals_proposals");

            migrationBuilder.DropTable(
                name: "workshops_groups");

            migrationBuilder.DropTable(
                name: "workshops_offline_links");

            migrationBuilder.DropTable(
                name: "kernel_frameworks");

            migrationBuilder.DropTable(
                name: "meetings_meetings");

            migrationBuilder.DropTable(
                name: "opinionmaps_maps");

            migrationBuilder.DropTable(
                name: "kernel_contributions");

            migrationBuilder.DropTable(
                name: "kernel_themes");

            migrationBuilder.DropTable(
                name: "workshops_workshops");

            migrationBuilder.DropTable(
                name: "kernel_phases");

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
