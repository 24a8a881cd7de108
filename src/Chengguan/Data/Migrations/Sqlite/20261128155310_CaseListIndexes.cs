using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chengguan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_cases_CategoryCode_ReportedAt_Id",
                table: "cases",
                columns: new[] { "CategoryCode", "ReportedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_GridCode_ReportedAt_Id",
                table: "cases",
                columns: new[] { "GridCode", "ReportedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_CategoryCode_ReportedAt_Id",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_GridCode_ReportedAt_Id",
                table: "cases");
        }
    }
}
