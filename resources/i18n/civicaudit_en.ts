<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>BatchPanel</name>
    <message numerus="yes">
        <source>%n file(s): %1 valid, %2 TAMPERED, %3 not valid, %4 cannot be checked.</source>
        <translation>
            <numerusform>%n file: %1 valid, %2 TAMPERED, %3 not valid, %4 cannot be checked.</numerusform>
            <numerusform>%n files: %1 valid, %2 TAMPERED, %3 not valid, %4 cannot be checked.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: %n file(s) not checked.</source>
        <translation>
            <numerusform>Cancelled: %n file not checked.</numerusform>
            <numerusform>Cancelled: %n files not checked.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CardImportDialog</name>
    <message numerus="yes">
        <source>%n new photo(s)</source>
        <translation>
            <numerusform>%n new photo</numerusform>
            <numerusform>%n new photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n from the inspection&apos;s day</source>
        <translation>
            <numerusform>%n from the inspection's day</numerusform>
            <numerusform>%n from the inspection's day</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n imported before</source>
        <translation>
            <numerusform>%n imported before</numerusform>
            <numerusform>%n imported before</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Describer</name>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo</numerusform>
            <numerusform>%n photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message numerus="yes">
        <source>Evidence: %n photo(s)</source>
        <translation>
            <numerusform>Evidence: %n photo</numerusform>
            <numerusform>Evidence: %n photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>%n change(s) the office has not acknowledged; every record they touched goes, with its photos and PDFs</source>
        <translation>
            <numerusform>%n change the office has not acknowledged; every record they touched goes, with its photos and PDFs</numerusform>
            <numerusform>%n changes the office has not acknowledged; every record they touched goes, with its photos and PDFs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo</numerusform>
            <numerusform>%n photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>Receipt from the office for this laptop&apos;s bundle %1: %n record(s) acknowledged.</source>
        <translation>
            <numerusform>Receipt from the office for this laptop's bundle %1: %n record acknowledged.</numerusform>
            <numerusform>Receipt from the office for this laptop's bundle %1: %n records acknowledged.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n updated</numerusform>
            <numerusform>%n updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n unchanged</numerusform>
            <numerusform>%n unchanged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) copied</source>
        <translation>
            <numerusform>%n photo copied</numerusform>
            <numerusform>%n photos copied</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already here</source>
        <translation>
            <numerusform>%n already here</numerusform>
            <numerusform>%n already here</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n audit event(s)</source>
        <translation>
            <numerusform>%n audit event</numerusform>
            <numerusform>%n audit events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n site(s)</source>
        <translation>
            <numerusform>%n site</numerusform>
            <numerusform>%n sites</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MonthPlanDialog</name>
    <message numerus="yes">
        <source>%n site(s) match.</source>
        <translation>
            <numerusform>%n site match.</numerusform>
            <numerusform>%n sites match.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A sample of %n site(s) (%1 per site type, seed %2).</source>
        <translation>
            <numerusform>A sample of %n site (%1 per site type, seed %2).</numerusform>
            <numerusform>A sample of %n sites (%1 per site type, seed %2).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n site(s): %1</source>
        <translation>
            <numerusform>%n site: %1</numerusform>
            <numerusform>%n sites: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n site(s) another auditor already has was/were left out.</source>
        <translation>
            <numerusform>%n site another auditor already has was left out.</numerusform>
            <numerusform>%n sites another auditor already has were left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n site(s) also has/have another auditor this month.</source>
        <translation>
            <numerusform>%n site also has another auditor this month.</numerusform>
            <numerusform>%n sites also have another auditor this month.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n assignment(s) in %1, %2 sent out. Removing a sent one takes it off the laptop with the next office bundle.</source>
        <translation>
            <numerusform>%n assignment in %1, %2 sent out. Removing a sent one takes it off the laptop with the next office bundle.</numerusform>
            <numerusform>%n assignments in %1, %2 sent out. Removing a sent one takes it off the laptop with the next office bundle.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n assignment(s) removed.</source>
        <translation>
            <numerusform>%n assignment removed.</numerusform>
            <numerusform>%n assignments removed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoticeBoard</name>
    <message numerus="yes">
        <source>%n notice(s) · %1 open · %2 overdue</source>
        <translation>
            <numerusform>%n notice · %1 open · %2 overdue</numerusform>
            <numerusform>%n notices · %1 open · %2 overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Escalate %n notice(s) to the %1? This is recorded and cannot be undone.</source>
        <translation>
            <numerusform>Escalate %n notice to the %1? This is recorded and cannot be undone.</numerusform>
            <numerusform>Escalate %n notices to the %1? This is recorded and cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s) escalated to the %1.</source>
        <translation>
            <numerusform>%n notice escalated to the %1.</numerusform>
            <numerusform>%n notices escalated to the %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Re-inspection of %n notice(s) planned for %1 on %2.</source>
        <translation>
            <numerusform>Re-inspection of %n notice planned for %1 on %2.</numerusform>
            <numerusform>Re-inspection of %n notices planned for %1 on %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhotoImporter</name>
    <message numerus="yes">
        <source>%n photo(s) added</source>
        <translation>
            <numerusform>%n photo added</numerusform>
            <numerusform>%n photos added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already attached</source>
        <translation>
            <numerusform>%n already attached</numerusform>
            <numerusform>%n already attached</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n refused</numerusform>
            <numerusform>%n refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with warnings</source>
        <translation>
            <numerusform>%n with warnings</numerusform>
            <numerusform>%n with warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhotoListModel</name>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>%n annotation</numerusform>
            <numerusform>%n annotations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReinspectionDialog</name>
    <message numerus="yes">
        <source>%n after-photo(s)</source>
        <translation>
            <numerusform>%n after-photo</numerusform>
            <numerusform>%n after-photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReinspectionPlanDialog</name>
    <message numerus="yes">
        <source>Plan a re-inspection of the sites of %n notice(s). It appears in the auditor&apos;s list for that day after the next office bundle.</source>
        <translation>
            <numerusform>Plan a re-inspection of the sites of %n notice. It appears in the auditor's list for that day after the next office bundle.</numerusform>
            <numerusform>Plan a re-inspection of the sites of %n notices. It appears in the auditor's list for that day after the next office bundle.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportExportDialog</name>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SiteImportDialog</name>
    <message numerus="yes">
        <source>%n site(s) written to %1.</source>
        <translation>
            <numerusform>%n site written to %1.</numerusform>
            <numerusform>%n sites written to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message numerus="yes">
        <source>%n criterion(s) not answered yet.</source>
        <translation>
            <numerusform>%n criterion not answered yet.</numerusform>
            <numerusform>%n criteria not answered yet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncFlow</name>
    <message numerus="yes">
        <source>Delete %n photo original(s) from this laptop? The office holds them (its receipt says so). Previews and thumbnails stay.</source>
        <translation>
            <numerusform>Delete %n photo original from this laptop? The office holds them (its receipt says so). Previews and thumbnails stay.</numerusform>
            <numerusform>Delete %n photo originals from this laptop? The office holds them (its receipt says so). Previews and thumbnails stay.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo original(s) deleted.</source>
        <translation>
            <numerusform>%n photo original deleted.</numerusform>
            <numerusform>%n photo originals deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sync conflict(s)</source>
        <translation>
            <numerusform>%n sync conflict</numerusform>
            <numerusform>%n sync conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unsynced</source>
        <translation>
            <numerusform>%n unsynced</numerusform>
            <numerusform>%n unsynced</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
</context>
</TS>
