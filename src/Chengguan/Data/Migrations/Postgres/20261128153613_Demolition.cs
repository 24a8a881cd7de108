using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chengguan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Demolition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "demolition_briefings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    BasisKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PeriodKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AsOf = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RowsJson = table.Column<string>(type: "text", nullable: false),
                    XlsxSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    XlsxSize = table.Column<long>(type: "bigint", nullable: false),
                    PdfSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PdfSize = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_demolition_briefings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "demolition_creations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Level = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DeclaredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AssessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AssessedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CriteriaJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_demolition_creations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_demolition_creations_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "demolition_interviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    BasisKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    BriefingId = table.Column<Guid>(type: "uuid", nullable: true),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ProposedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Participants = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_demolition_interviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_demolition_interviews_units_StreetId",
                        column: x => x.StreetId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "demolition_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FirstYear = table.Column<int>(type: "integer", nullable: false),
                    LastYear = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_demolition_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "demolition_tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Issuer = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_demolition_tasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "demolition_commitments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InterviewId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DoneNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_demolition_commitments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_demolition_commitments_demolition_interviews_InterviewId",
                        column: x => x.InterviewId,
                        principalTable: "demolition_interviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "demolition_plan_targets",
                columns: table => new
                {
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetArea = table.Column<double>(type: "double precision", nullable: false),
                    TargetCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_demolition_plan_targets", x => new { x.PlanId, x.Year, x.StreetId });
                    table.ForeignKey(
                        name: "FK_demolition_plan_targets_demolition_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "demolition_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_demolition_plan_targets_units_StreetId",
                        column: x => x.StreetId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "demolition_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: true),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    GridId = table.Column<Guid>(type: "uuid", nullable: true),
                    GridCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Lon = table.Column<double>(type: "double precision", nullable: true),
                    Lat = table.Column<double>(type: "double precision", nullable: true),
                    OutlineGeoJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Vintage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    BuiltOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Area = table.Column<double>(type: "double precision", nullable: false),
                    Storeys = table.Column<int>(type: "integer", nullable: false),
                    Party = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TaskId = table.Column<Guid>(type: "uuid", nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Mode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    DemolishedArea = table.Column<double>(type: "double precision", nullable: true),
                    IdentifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DemolishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RecheckedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RecheckedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_demolition_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_demolition_items_demolition_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "demolition_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_demolition_items_units_StreetId",
                        column: x => x.StreetId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "demolition_task_targets",
                columns: table => new
                {
                    TaskId = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetArea = table.Column<double>(type: "double precision", nullable: false),
                    TargetCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_demolition_task_targets", x => new { x.TaskId, x.StreetId });
                    table.ForeignKey(
                        name: "FK_demolition_task_targets_demolition_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "demolition_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_demolition_task_targets_units_StreetId",
                        column: x => x.StreetId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "demolition_case_links",
                columns: table => new
                {
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    LinkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_demolition_case_links", x => new { x.ItemId, x.CaseId });
                    table.ForeignKey(
                        name: "FK_demolition_case_links_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_demolition_case_links_demolition_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "demolition_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "demolition_documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_demolition_documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_demolition_documents_demolition_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "demolition_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "demolition_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Seq = table.Column<int>(type: "integer", nullable: false),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Label = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    FromState = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ToState = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DataJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_demolition_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_demolition_events_demolition_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "demolition_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_demolition_briefings_BasisKey_AsOf",
                table: "demolition_briefings",
                columns: new[] { "BasisKey", "AsOf" });

            migrationBuilder.CreateIndex(
                name: "IX_demolition_briefings_Kind_BasisKey_PeriodKey",
                table: "demolition_briefings",
                columns: new[] { "Kind", "BasisKey", "PeriodKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_demolition_case_links_CaseId",
                table: "demolition_case_links",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_demolition_commitments_InterviewId",
                table: "demolition_commitments",
                column: "InterviewId");

            migrationBuilder.CreateIndex(
                name: "IX_demolition_creations_UnitId_Year",
                table: "demolition_creations",
                columns: new[] { "UnitId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_demolition_documents_ItemId_CreatedAt",
                table: "demolition_documents",
                columns: new[] { "ItemId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_demolition_events_ItemId_Seq",
                table: "demolition_events",
                columns: new[] { "ItemId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_demolition_interviews_StreetId_State",
                table: "demolition_interviews",
                columns: new[] { "StreetId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_demolition_items_Number",
                table: "demolition_items",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_demolition_items_StreetId_State_RecheckedAt",
                table: "demolition_items",
                columns: new[] { "StreetId", "State", "RecheckedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_demolition_items_TaskId_StreetId",
                table: "demolition_items",
                columns: new[] { "TaskId", "StreetId" });

            migrationBuilder.CreateIndex(
                name: "IX_demolition_plan_targets_StreetId",
                table: "demolition_plan_targets",
                column: "StreetId");

            migrationBuilder.CreateIndex(
                name: "IX_demolition_plans_Name",
                table: "demolition_plans",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_demolition_task_targets_StreetId",
                table: "demolition_task_targets",
                column: "StreetId");

            migrationBuilder.CreateIndex(
                name: "IX_demolition_tasks_Name",
                table: "demolition_tasks",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "demolition_briefings");

            migrationBuilder.DropTable(
                name: "demolition_case_links");

            migrationBuilder.DropTable(
                name: "demolition_commitments");

            migrationBuilder.DropTable(
                name: "demolition_creations");

            migrationBuilder.DropTable(
                name: "demolition_documents");

            migrationBuilder.DropTable(
                name: "demolition_events");

            migrationBuilder.DropTable(
                name: "demolition_plan_targets");

            migrationBuilder.DropTable(
                name: "demolition_task_targets");

            migrationBuilder.DropTable(
                name: "demolition_interviews");

            migrationBuilder.DropTable(
                name: "demolition_items");

            migrationBuilder.DropTable(
                name: "demolition_plans");

            migrationBuilder.DropTable(
                name: "demolition_tasks");
        }
    }
}
