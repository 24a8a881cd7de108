using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chengguan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DistrictReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DepartmentAt",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DepartmentCode",
                table: "cases",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "case_departments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_departments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "district_report_templates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    TitlePattern = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Recipients = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Opening = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SectionsJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Closing = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Signature = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_district_report_templates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "district_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PeriodKey = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    TemplateVersion = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Serial = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    GeneratedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    GeneratedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Docx = table.Column<byte[]>(type: "bytea", nullable: false),
                    Pdf = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_district_reports", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cases_DepartmentAt_DepartmentCode",
                table: "cases",
                columns: new[] { "DepartmentAt", "DepartmentCode" },
                filter: "\"DepartmentCode\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_case_departments_Code",
                table: "case_departments",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_district_report_templates_Version",
                table: "district_report_templates",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_district_reports_GeneratedAt",
                table: "district_reports",
                column: "GeneratedAt");

            migrationBuilder.CreateIndex(
                name: "IX_district_reports_PeriodKey_Version",
                table: "district_reports",
                columns: new[] { "PeriodKey", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_district_reports_Year_Serial",
                table: "district_reports",
                columns: new[] { "Year", "Serial" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_departments");

            migrationBuilder.DropTable(
                name: "district_report_templates");

            migrationBuilder.DropTable(
                name: "district_reports");

            migrationBuilder.DropIndex(
                name: "IX_cases_DepartmentAt_DepartmentCode",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "DepartmentAt",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "DepartmentCode",
                table: "cases");
        }
    }
}
