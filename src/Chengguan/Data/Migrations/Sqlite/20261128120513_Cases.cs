using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chengguan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_sequences",
                columns: table => new
                {
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Next = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_sequences", x => new { x.Prefix, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Route = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ExternalNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RequestType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CategoryCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ConditionCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Lon = table.Column<double>(type: "REAL", nullable: true),
                    Lat = table.Column<double>(type: "REAL", nullable: true),
                    GridId = table.Column<Guid>(type: "TEXT", nullable: true),
                    GridCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: true),
                    CommunityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StreetId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReporterName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReporterPhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Tags = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StateBeforeSuspension = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    HandlingPolicy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DisposalPolicy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Supervised = table.Column<bool>(type: "INTEGER", nullable: false),
                    SuperviseDeadline = table.Column<long>(type: "INTEGER", nullable: true),
                    ExtensionRequested = table.Column<int>(type: "INTEGER", nullable: true),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Satisfaction = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Resolved = table.Column<bool>(type: "INTEGER", nullable: true),
                    Rating = table.Column<int>(type: "INTEGER", nullable: true),
                    ReworkCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ReplyReturnedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    UrgeCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "category_conditions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    BigCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    BigName = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SmallCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    SmallName = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ConditionCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Condition = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LimitAmount = table.Column<int>(type: "INTEGER", nullable: false),
                    LimitKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ClosingCondition = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_category_conditions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "case_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Seq = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FromState = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ToState = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DataJson = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_events_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_case_events_CaseId_Seq",
                table: "case_events",
                columns: new[] { "CaseId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_Channel_ExternalNumber",
                table: "cases",
                columns: new[] { "Channel", "ExternalNumber" },
                unique: true,
                filter: "\"ExternalNumber\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_cases_Number",
                table: "cases",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_ParentId",
                table: "cases",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_cases_ReportedAt_Id",
                table: "cases",
                columns: new[] { "ReportedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_State_ReportedAt_Id",
                table: "cases",
                columns: new[] { "State", "ReportedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_StreetId_ReportedAt_Id",
                table: "cases",
                columns: new[] { "StreetId", "ReportedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_UnitId_State",
                table: "cases",
                columns: new[] { "UnitId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_category_conditions_Version_Kind_BigCode_SmallCode_ConditionCode",
                table: "category_conditions",
                columns: new[] { "Version", "Kind", "BigCode", "SmallCode", "ConditionCode" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_events");

            migrationBuilder.DropTable(
                name: "case_sequences");

            migrationBuilder.DropTable(
                name: "category_conditions");

            migrationBuilder.DropTable(
                name: "cases");
        }
    }
}
