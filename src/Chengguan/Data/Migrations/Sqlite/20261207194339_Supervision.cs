using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chengguan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Supervision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "supervision_checklists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ItemsJson = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_supervision_checklists", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "supervision_inspections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StreetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Inspectors = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    InspectorIds = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_supervision_inspections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_supervision_inspections_units_OwnerUnitId",
                        column: x => x.OwnerUnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_supervision_inspections_units_StreetId",
                        column: x => x.StreetId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "supervision_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Cases = table.Column<bool>(type: "INTEGER", nullable: false),
                    Demolition = table.Column<bool>(type: "INTEGER", nullable: false),
                    PerStreet = table.Column<int>(type: "INTEGER", nullable: false),
                    Seed = table.Column<long>(type: "INTEGER", nullable: false),
                    ChecklistVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Population = table.Column<int>(type: "INTEGER", nullable: true),
                    DrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_supervision_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "supervision_files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Seq = table.Column<int>(type: "INTEGER", nullable: false),
                    StreetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Score = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxScore = table.Column<int>(type: "INTEGER", nullable: false),
                    ResultJson = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_supervision_files", x => x.Id);
                    table.ForeignKey(
                        name: "FK_supervision_files_supervision_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "supervision_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_supervision_files_units_StreetId",
                        column: x => x.StreetId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "supervision_findings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    InspectionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StreetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RectificationItemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_supervision_findings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_supervision_findings_supervision_files_FileId",
                        column: x => x.FileId,
                        principalTable: "supervision_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_supervision_findings_supervision_inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "supervision_inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_supervision_findings_units_OwnerUnitId",
                        column: x => x.OwnerUnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cases_supervision_draw",
                table: "cases",
                columns: new[] { "State", "ClosedAt", "StreetId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_supervision_checklists_Version",
                table: "supervision_checklists",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_supervision_files_PlanId_Seq",
                table: "supervision_files",
                columns: new[] { "PlanId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_supervision_files_PlanId_SubjectId",
                table: "supervision_files",
                columns: new[] { "PlanId", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_supervision_files_StreetId_PlanId",
                table: "supervision_files",
                columns: new[] { "StreetId", "PlanId" });

            migrationBuilder.CreateIndex(
                name: "IX_supervision_findings_FileId",
                table: "supervision_findings",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_supervision_findings_InspectionId",
                table: "supervision_findings",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_supervision_findings_OwnerUnitId_CreatedAt",
                table: "supervision_findings",
                columns: new[] { "OwnerUnitId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_supervision_inspections_OwnerUnitId_On",
                table: "supervision_inspections",
                columns: new[] { "OwnerUnitId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_supervision_inspections_StreetId",
                table: "supervision_inspections",
                column: "StreetId");

            migrationBuilder.CreateIndex(
                name: "IX_supervision_plans_CreatedAt",
                table: "supervision_plans",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "supervision_checklists");

            migrationBuilder.DropTable(
                name: "supervision_findings");

            migrationBuilder.DropTable(
                name: "supervision_files");

            migrationBuilder.DropTable(
                name: "supervision_inspections");

            migrationBuilder.DropTable(
                name: "supervision_plans");

            migrationBuilder.DropIndex(
                name: "IX_cases_supervision_draw",
                table: "cases");
        }
    }
}
