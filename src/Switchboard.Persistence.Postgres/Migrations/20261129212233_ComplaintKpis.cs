using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ComplaintKpis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "complaint",
                table: "survey_invitations",
                type: "bigint",
                nullable: true);

            migrationBuilder.AlterColumn<bool>(
                name: "resolved",
                table: "survey_answers",
                type: "boolean",
                nullable: true,
                oldClrType: typeof(bool),
                oldType: "boolean");

            migrationBuilder.AddColumn<long>(
                name: "complaint",
                table: "survey_answers",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_survey_invitations_complaint",
                table: "survey_invitations",
                column: "complaint",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_survey_answers_complaint",
                table: "survey_answers",
                column: "complaint",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_complaints_client_received",
                table: "complaints",
                columns: new[] { "client", "received" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_survey_invitations_complaint",
                table: "survey_invitations");

            migrationBuilder.DropIndex(
                name: "ix_survey_answers_complaint",
                table: "survey_answers");

            migrationBuilder.DropIndex(
                name: "ix_complaints_client_received",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "complaint",
                table: "survey_invitations");

            migrationBuilder.DropColumn(
                name: "complaint",
                table: "survey_answers");

            migrationBuilder.AlterColumn<bool>(
                name: "resolved",
                table: "survey_answers",
                type: "boolean",
                nullable: false,
                defaultValue: false,
                oldClrType: typeof(bool),
                oldType: "boolean",
                oldNullable: true);
        }
    }
}
