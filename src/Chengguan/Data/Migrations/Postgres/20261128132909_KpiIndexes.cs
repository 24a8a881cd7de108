using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chengguan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KpiIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_clocks_State_StoppedAt",
                table: "clocks",
                columns: new[] { "State", "StoppedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_case_events_Action_At",
                table: "case_events",
                columns: new[] { "Action", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_clocks_State_StoppedAt",
                table: "clocks");

            migrationBuilder.DropIndex(
                name: "IX_case_events_Action_At",
                table: "case_events");
        }
    }
}
