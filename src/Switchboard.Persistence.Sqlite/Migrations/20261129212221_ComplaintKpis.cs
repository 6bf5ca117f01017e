using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Persistence.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AlterColumn<bool>(
                name: "resolved",
                table: "survey_answers",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(bool),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<long>(
                name: "complaint",
                table: "survey_answers",
                type: "INTEGER",
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false,
                oldClrType: typeof(bool),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
