<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <source>Load &amp;demo city</source>
        <translation>载入示例城市(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Lock screen</source>
        <translation>锁定屏幕(&amp;L)</translation>
    </message>
    <message>
        <source>S&amp;witch user / sign out…</source>
        <translation>切换用户 / 注销(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find site</source>
        <translation>查找点位(&amp;F)</translation>
    </message>
    <message>
        <source>Mark &amp;pass</source>
        <translation>标记为符合(&amp;P)</translation>
    </message>
    <message>
        <source>Mark &amp;fail</source>
        <translation>标记为不符合(&amp;F)</translation>
    </message>
    <message>
        <source>Mark &amp;not applicable</source>
        <translation>标记为不适用(&amp;N)</translation>
    </message>
    <message>
        <source>One problem &amp;more</source>
        <translation>问题数加一(&amp;M)</translation>
    </message>
    <message>
        <source>One problem &amp;fewer</source>
        <translation>问题数减一(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Clear result</source>
        <translation>清除结果(&amp;C)</translation>
    </message>
    <message>
        <source>Edit location and &amp;note</source>
        <translation>编辑位置和备注(&amp;O)</translation>
    </message>
    <message>
        <source>Next &amp;unanswered</source>
        <translation>下一个未答项(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Finish inspection…</source>
        <translation>完成检查(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Reopen inspection…</source>
        <translation>重新打开检查(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Issue rectification notice…</source>
        <translation>签发整改通知书(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Follow-up board</source>
        <translation>整改跟踪台账(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Verify a notice PDF…</source>
        <translation>核验通知书 PDF(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Export to USB…</source>
        <translation>导出到U盘(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import from USB…</source>
        <translation>从U盘导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Sync &amp;conflicts…</source>
        <translation>同步冲突(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Delete acknowledged photo originals…</source>
        <translation>删除已回执的照片原件(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>数据看板(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Rankings</source>
        <translation>排名(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Plan the month…</source>
        <translation>月度检查计划(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Site list…</source>
        <translation>点位清单(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Checklist editions…</source>
        <translation>测评标准版本(&amp;C)…</translation>
    </message>
    <message>
        <source>S&amp;taff…</source>
        <translation>人员(&amp;T)…</translation>
    </message>
    <message>
        <source>Notice &amp;letterhead and numbering…</source>
        <translation>通知书版头与编号(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;New laptops by USB drive…</source>
        <translation>用U盘加入新笔记本(&amp;N)…</translation>
    </message>
    <message>
        <source>Bulletin and &amp;spreadsheets…</source>
        <translation>通报与报表(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Large text, high contrast</source>
        <translation>大字高对比(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About CivicAudit</source>
        <translation>关于创城巡检(&amp;A)</translation>
    </message>
</context>
<context>
    <name>AnnotationEditor</name>
    <message>
        <source>Annotate %1</source>
        <translation>标注 %1</translation>
    </message>
    <message>
        <source>&amp;Delete shape</source>
        <translation>删除图形(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Select</source>
        <translation>选择(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Arrow</source>
        <translation>箭头(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Circle</source>
        <translation>圆圈(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Rectangle</source>
        <translation>方框(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Text</source>
        <translation>文字(&amp;T)</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>红色</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <source>Shapes (double-click to add words):</source>
        <translation>图形（双击可添加文字）：</translation>
    </message>
    <message>
        <source>Click a shape to select it; Delete removes it. Drag to pan.</source>
        <translation>单击图形即可选中，按 Delete 删除；拖动可平移照片。</translation>
    </message>
    <message>
        <source>Click where the words should go.</source>
        <translation>在照片上单击要写文字的位置。</translation>
    </message>
    <message>
        <source>Drag on the photo to draw.</source>
        <translation>在照片上拖动即可绘制。</translation>
    </message>
    <message>
        <source>Arrow</source>
        <translation>箭头</translation>
    </message>
    <message>
        <source>Circle</source>
        <translation>圆圈</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>方框</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>%1 of %2 shapes</source>
        <translation>已有 %1 个图形，最多 %2 个</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Words on this shape:</source>
        <translation>此图形上的文字：</translation>
    </message>
    <message>
        <source>Words to write on the photo:</source>
        <translation>写在照片上的文字：</translation>
    </message>
    <message>
        <source>A photo holds at most %1 shapes.</source>
        <translation>每张照片最多 %1 个图形。</translation>
    </message>
</context>
<context>
    <name>BatchPanel</name>
    <message>
        <source>Files checked</source>
        <translation>已核验的文件</translation>
    </message>
    <message>
        <source>Verifying file %1 of %2: %3</source>
        <translation>正在核验第 %1 个文件（共 %2 个）：%3</translation>
    </message>
    <message>
        <source>Verifying notices…</source>
        <translation>正在核验通知书…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Verifying notices</source>
        <translation>核验通知书</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s): %1 valid, %2 TAMPERED, %3 not valid, %4 cannot be checked.</source>
        <translation>
            <numerusform>共 %n 个文件：有效 %1 个，已被篡改 %2 个，无效 %3 个，无法核验 %4 个。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: %n file(s) not checked.</source>
        <translation>
            <numerusform>已取消：%n 个文件未核验。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BeforeAfterDialog</name>
    <message>
        <source>This problem has no photo from the notice or no after-photo yet.</source>
        <translation>该问题没有通知书照片或尚无整改后照片。</translation>
    </message>
</context>
<context>
    <name>BoardActions</name>
    <message>
        <source>closed already</source>
        <translation>已销号</translation>
    </message>
    <message>
        <source>escalated already</source>
        <translation>已通报曝光</translation>
    </message>
    <message>
        <source>no longer on this computer</source>
        <translation>本机已无此通知书</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>a notice (why)</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Left as they were: %1</source>
        <translation>以下未作变更：%1</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Space or Enter takes a photo; it is added to the current finding.</source>
        <translation>按空格键或回车键拍照，照片会加入当前检查项。</translation>
    </message>
    <message>
        <source>&amp;Take photo</source>
        <translation>拍照(&amp;T)</translation>
    </message>
    <message>
        <source>The camera did not deliver a picture. Try again.</source>
        <translation>摄像头没有返回照片，请重试。</translation>
    </message>
    <message>
        <source>Taken: %1</source>
        <translation>已拍摄：%1</translation>
    </message>
</context>
<context>
    <name>CandidateModel</name>
    <message>
        <source>Site</source>
        <translation>点位</translation>
    </message>
    <message>
        <source>Site type</source>
        <translation>点位类型</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Sub-district</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Already planned</source>
        <translation>当月已安排</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
</context>
<context>
    <name>CardImportDialog</name>
    <message>
        <source>Photos from a card or phone</source>
        <translation>从存储卡或手机导入照片</translation>
    </message>
    <message>
        <source>&amp;Look for new photos</source>
        <translation>查找新照片(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Browse folder…</source>
        <translation>浏览文件夹(&amp;B)…</translation>
    </message>
    <message>
        <source>Only photos from the inspection&apos;s &amp;day (%1)</source>
        <translation>只显示检查当天的照片(&amp;D)（%1）</translation>
    </message>
    <message>
        <source>Choose the card or phone.</source>
        <translation>请选择存储卡或手机。</translation>
    </message>
    <message>
        <source>&amp;Import checked</source>
        <translation>导入选中的照片(&amp;I)</translation>
    </message>
    <message>
        <source>Drive:</source>
        <translation>驱动器：</translation>
    </message>
    <message>
        <source>Check &amp;all</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>Check &amp;none</source>
        <translation>全不选(&amp;N)</translation>
    </message>
    <message>
        <source>%1 free</source>
        <translation>可用 %1</translation>
    </message>
    <message>
        <source>No card or phone found: connect one, or browse a folder</source>
        <translation>未找到存储卡或手机：请连接设备，或浏览文件夹</translation>
    </message>
    <message>
        <source>Looking for new photos in %1…</source>
        <translation>正在 %1 中查找新照片…</translation>
    </message>
    <message>
        <source>Looking for new photos</source>
        <translation>正在查找新照片</translation>
    </message>
    <message>
        <source>Folder with photos</source>
        <translation>照片所在文件夹</translation>
    </message>
    <message numerus="yes">
        <source>%n new photo(s)</source>
        <translation>
            <numerusform>%n 张新照片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n from the inspection&apos;s day</source>
        <translation>
            <numerusform>其中检查当天 %n 张</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n imported before</source>
        <translation>
            <numerusform>%n 张以前已导入</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Choose a new password</source>
        <translation>设置新密码</translation>
    </message>
    <message>
        <source>Your password is shorter than %1 characters. Choose a new one before you go on; it also locks your signing key.</source>
        <translation>您的密码少于 %1 个字符。请先设置新密码再继续；新密码同时用于锁定您的签名密钥。</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>确认新密码</translation>
    </message>
    <message>
        <source>Could not change the password: %1</source>
        <translation>无法修改密码：%1</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>The password must have at least %1 characters.</source>
        <translation>密码至少需要 %1 个字符。</translation>
    </message>
    <message>
        <source>The new password must differ from the current one.</source>
        <translation>新密码不能与当前密码相同。</translation>
    </message>
</context>
<context>
    <name>ChecklistDialog</name>
    <message>
        <source>Checklist editions</source>
        <translation>测评标准版本</translation>
    </message>
    <message>
        <source>Name of the new edition</source>
        <translation>新版本的名称</translation>
    </message>
    <message>
        <source>&amp;Use for new inspections</source>
        <translation>用于新的检查(&amp;U)</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Choose a CSV file…</source>
        <translation>选择 CSV 文件(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Import as a new edition</source>
        <translation>导入为新版本(&amp;I)</translation>
    </message>
    <message>
        <source>Editions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Local changes from a CSV file (over the edition in use)</source>
        <translation>本地修改（CSV 文件，在使用中的版本基础上）</translation>
    </message>
    <message>
        <source>New inspections use “%1”; the laptops with the next office bundle.</source>
        <translation>新的检查将使用“%1”；各笔记本随下一个创城办数据包启用。</translation>
    </message>
    <message>
        <source>Edition “%1” stored; new inspections use it (the laptops with the next office bundle).</source>
        <translation>已保存版本“%1”，新的检查将使用它（各笔记本随下一个创城办数据包启用）。</translation>
    </message>
    <message>
        <source>This edition is already stored as “%1”; nothing changed.</source>
        <translation>该版本已保存为“%1”，没有变化。</translation>
    </message>
    <message>
        <source>%1 criteria written to %2.</source>
        <translation>已将 %1 条测评内容写入 %2。</translation>
    </message>
    <message>
        <source>Choose a checklist file</source>
        <translation>选择测评标准文件</translation>
    </message>
    <message>
        <source>Export the checklist</source>
        <translation>导出测评标准</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Sync conflicts</source>
        <translation>同步冲突</translation>
    </message>
    <message>
        <source>No conflicts: every record has one version.</source>
        <translation>没有冲突：每条记录只有一个版本。</translation>
    </message>
    <message>
        <source>&amp;Keep the version in use</source>
        <translation>保留当前版本(&amp;K)</translation>
    </message>
    <message>
        <source>Keep the &amp;other version</source>
        <translation>保留另一版本(&amp;O)</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Version in use</source>
        <translation>当前版本</translation>
    </message>
    <message>
        <source>Other version</source>
        <translation>另一版本</translation>
    </message>
    <message>
        <source>The same record was changed on two machines. Compare the two versions (differences are highlighted) and keep one; the other machines learn of the choice with the next bundle.</source>
        <translation>同一条记录在两台电脑上被修改。请比较两个版本（差异已标出）并保留其一；其他电脑会在下次同步时得知您的选择。</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>CivicAudit stopped working</source>
        <translation>创城巡检遇到错误</translation>
    </message>
    <message>
        <source>The report could not be saved to a file; please copy it and send it to your support contact.</source>
        <translation>报告未能保存为文件，请复制报告并发送给技术支持人员。</translation>
    </message>
    <message>
        <source>A report was saved as %1. Please send it to your support contact.</source>
        <translation>报告已保存为 %1，请发送给技术支持人员。</translation>
    </message>
    <message>
        <source>CivicAudit hit an unexpected problem. The work you had already stored is safe: every change is saved the moment you make it.</source>
        <translation>创城巡检遇到了意外问题。已录入的工作不会丢失：每一项修改在录入时即已保存。</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
</context>
<context>
    <name>CriteriaModel</name>
    <message>
        <source>Pass</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>N/A</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>测评内容</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题数</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
</context>
<context>
    <name>CriterionPreviewModel</name>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Site type</source>
        <translation>点位类型</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>测评内容</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
</context>
<context>
    <name>DashboardDialog</name>
    <message>
        <source>Dashboard</source>
        <translation>数据看板</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Read the figures again (F5)</source>
        <translation>重新读取数据（F5）</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Sub-district</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Site type</source>
        <translation>点位类型</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>测评类别</translation>
    </message>
    <message>
        <source>All districts</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <source>All site types</source>
        <translation>全部点位类型</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部责任单位</translation>
    </message>
    <message>
        <source>&amp;Group by:</source>
        <translation>分组(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Only:</source>
        <translation>筛选(&amp;O)：</translation>
    </message>
    <message>
        <source>Reading the figures…</source>
        <translation>正在读取数据…</translation>
    </message>
    <message>
        <source>No finished inspections in %1 for the filters chosen.</source>
        <translation>%1 在所选范围内没有已完成的检查</translation>
    </message>
    <message>
        <source>No finished inspections in %1.</source>
        <translation>%1 没有已完成的检查</translation>
    </message>
</context>
<context>
    <name>Describer</name>
    <message>
        <source>changed %1 · device …%2</source>
        <translation>修改于 %1 · 设备 …%2</translation>
    </message>
    <message>
        <source>Notice %1</source>
        <translation>通知书 %1</translation>
    </message>
    <message>
        <source>Inspection of %1, %2</source>
        <translation>%1 的检查，%2</translation>
    </message>
    <message>
        <source>Number: %1</source>
        <translation>编号：%1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>Addressee: %1</source>
        <translation>责任单位：%1</translation>
    </message>
    <message>
        <source>Deadline: %1</source>
        <translation>整改时限：%1</translation>
    </message>
    <message>
        <source>Re-inspection on: %1</source>
        <translation>复查日期：%1</translation>
    </message>
    <message>
        <source>Last changed: %1</source>
        <translation>最近修改：%1</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>问题：</translation>
    </message>
    <message>
        <source>Follow-up:</source>
        <translation>跟踪记录：</translation>
    </message>
    <message>
        <source>Re-inspected %1: %2</source>
        <translation>复查 %1：%2</translation>
    </message>
    <message>
        <source>Site: %1</source>
        <translation>点位：%1</translation>
    </message>
    <message>
        <source>Auditor: %1</source>
        <translation>检查人员：%1</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>开始：%1</translation>
    </message>
    <message>
        <source>Finished: %1</source>
        <translation>完成：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>照片 %n 张</numerusform>
        </translation>
    </message>
    <message>
        <source>Results:</source>
        <translation>检查结果：</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>点位</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>任务分配</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Office authority</source>
        <translation>创城办证书中心</translation>
    </message>
    <message>
        <source>Checklist edition</source>
        <translation>测评标准版本</translation>
    </message>
</context>
<context>
    <name>DrillDownDialog</name>
    <message>
        <source>&amp;Findings (%1)</source>
        <translation>问题(&amp;F)（%1）</translation>
    </message>
    <message>
        <source>&amp;Inspections (%1)</source>
        <translation>检查(&amp;I)（%1）</translation>
    </message>
    <message>
        <source>%1: %2 findings in %3 inspections. Double-click one to open the inspection in the main window.</source>
        <translation>%1：%3 次检查中发现问题 %2 项。双击一行可在主窗口中打开该次检查。</translation>
    </message>
    <message>
        <source>Only the newest %1 findings are listed.</source>
        <translation>仅列出最近的 %1 项问题。</translation>
    </message>
</context>
<context>
    <name>EditionModel</name>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Site types</source>
        <translation>点位类型数</translation>
    </message>
    <message>
        <source>Criteria</source>
        <translation>测评内容数</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>载入日期</translation>
    </message>
    <message>
        <source>✓ in use</source>
        <translation>✓ 使用中</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <source>Evidence</source>
        <translation>证据照片</translation>
    </message>
    <message numerus="yes">
        <source>Evidence: %n photo(s)</source>
        <translation>
            <numerusform>证据照片：%n 张</numerusform>
        </translation>
    </message>
    <message>
        <source>Evidence: no photos for this criterion yet</source>
        <translation>证据照片：本项暂无照片</translation>
    </message>
    <message>
        <source>Adding photos…</source>
        <translation>正在添加照片…</translation>
    </message>
    <message>
        <source>Some photos were refused</source>
        <translation>部分照片被拒收</translation>
    </message>
    <message>
        <source>Import stopped; photos added before stopping are kept.</source>
        <translation>导入已停止；停止前已添加的照片会保留。</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Annotate…</source>
        <translation>标注(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Remove from this finding…</source>
        <translation>从本检查项移除(&amp;R)…</translation>
    </message>
    <message>
        <source>Remove %1 from this finding?</source>
        <translation>要把 %1 从本检查项移除吗？</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>移除照片</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export to USB</source>
        <translation>导出到U盘</translation>
    </message>
    <message>
        <source>Choose a &amp;folder…</source>
        <translation>选择文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Send &amp;everything (for a laptop that missed a bundle)</source>
        <translation>全部发送(&amp;E)（供漏导入同步包的电脑使用）</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Drive:</source>
        <translation>U盘(&amp;D)：</translation>
    </message>
    <message>
        <source>What goes:</source>
        <translation>导出内容：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Writes checklists, sites, assignments, the certificate roster and notice changes for the auditors&apos; laptops onto the drive, signed with your key.</source>
        <translation>将测评标准、点位、任务分配、证书名册和通知书变动写入U盘，供检查人员的电脑导入，并用您的密钥签名。</translation>
    </message>
    <message>
        <source>Writes your new and changed work (inspections, photos, notices) onto the drive for the office, signed with your key. Everything the office has not acknowledged goes again, so nothing is lost if a stick is.</source>
        <translation>将您新增和修改的工作（检查、照片、通知书）写入U盘交给创城办，并用您的密钥签名。创城办尚未回执的内容会再次导出，即使U盘丢失也不会丢数据。</translation>
    </message>
    <message>
        <source>No USB drive found: connect one, or choose a folder</source>
        <translation>未找到U盘：请插入U盘，或选择文件夹</translation>
    </message>
    <message>
        <source>%1 free</source>
        <translation>可用 %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Everything the laptops need from the office.</source>
        <translation>检查人员电脑所需的全部创城办数据。</translation>
    </message>
    <message>
        <source>Only what the laptops do not hold yet goes, unless you tick “Send everything”.</source>
        <translation>只发送各检查人员电脑尚未收到的内容；勾选“全部发送”则全部发送。</translation>
    </message>
    <message>
        <source>Last export: %1</source>
        <translation>上次导出：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) the office has not acknowledged; every record they touched goes, with its photos and PDFs</source>
        <translation>
            <numerusform>创城办尚未回执的改动 %n 项；涉及的记录连同照片和 PDF 一并导出</numerusform>
        </translation>
    </message>
    <message>
        <source>Last receipt from the office: %1</source>
        <translation>创城办最近回执：%1</translation>
    </message>
    <message>
        <source>No receipt from the office yet</source>
        <translation>尚未收到创城办回执</translation>
    </message>
    <message>
        <source>Choose a USB drive or a folder first.</source>
        <translation>请先选择U盘或文件夹。</translation>
    </message>
    <message>
        <source>Type your password: it unlocks the key that signs the bundle.</source>
        <translation>请输入密码：用于解锁签名密钥。</translation>
    </message>
    <message>
        <source>Writing the bundle to %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <source>Writing the bundle</source>
        <translation>正在写入同步包</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>已写入：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>记录 %n 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>照片 %n 张</numerusform>
        </translation>
    </message>
    <message>
        <source>bundle no. %1</source>
        <translation>第 %1 号同步包</translation>
    </message>
    <message>
        <source>only what changed since bundle no. %1</source>
        <translation>仅含第 %1 号同步包以来的更改</translation>
    </message>
    <message>
        <source>everything</source>
        <translation>全部内容</translation>
    </message>
    <message>
        <source>Each auditor imports it on their laptop (Sync ▸ Import from USB).</source>
        <translation>各检查人员在自己的电脑上导入（同步 ▸ 从U盘导入）。</translation>
    </message>
    <message>
        <source>Take the drive to the office. Its receipt, imported here, confirms what arrived.</source>
        <translation>请将U盘交给创城办。把创城办的回执导入本机，即可确认已送达的内容。</translation>
    </message>
    <message>
        <source>That password did not unlock your signing key. Try again.</source>
        <translation>该密码无法解锁您的签名密钥，请重试。</translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation>未导出：%1</translation>
    </message>
    <message>
        <source>Export cancelled. Nothing was written to the drive.</source>
        <translation>已取消导出，U盘上未写入任何内容。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Folder for the bundle</source>
        <translation>同步包存放文件夹</translation>
    </message>
</context>
<context>
    <name>FigureTableModel</name>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Score rate</source>
        <translation>得分率</translation>
    </message>
    <message>
        <source>Pass rate</source>
        <translation>符合率</translation>
    </message>
    <message>
        <source>Items checked</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题数</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>得分率较上期（百分点）</translation>
    </message>
    <message>
        <source>Rank change</source>
        <translation>名次较上期（位）</translation>
    </message>
    <message>
        <source>%1 before the negative list</source>
        <translation>扣减前 %1</translation>
    </message>
</context>
<context>
    <name>FilePreview</name>
    <message>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>Rows that cannot be imported: %1.</source>
        <translation>无法导入的行：%1 行。</translation>
    </message>
    <message>
        <source>Fix the file and choose it again: nothing is stored until every row is right.</source>
        <translation>请改正文件后重新选择：所有行都正确之前，什么也不会保存。</translation>
    </message>
    <message>
        <source>%1 new, %2 changed, %3 unchanged.</source>
        <translation>新增 %1，修改 %2，不变 %3。</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>FindingEditor</name>
    <message>
        <source>e.g. 3栋2单元一楼, north gate</source>
        <translation>例如：3栋2单元一楼、北门处</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>&amp;1 Pass</source>
        <translation>符合 (&amp;1)</translation>
    </message>
    <message>
        <source>&amp;2 Fail</source>
        <translation>不符合 (&amp;2)</translation>
    </message>
    <message>
        <source>&amp;3 Not applicable</source>
        <translation>不适用 (&amp;3)</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>问题数：</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>位置(&amp;L)：</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <source>Choose a criterion in the list above.</source>
        <translation>请在上方列表中选择一项测评内容。</translation>
    </message>
    <message>
        <source>default deadline: %1</source>
        <translation>默认整改时限：%1</translation>
    </message>
</context>
<context>
    <name>FindingTableModel</name>
    <message>
        <source>(deleted site)</source>
        <translation>（点位已删除）</translation>
    </message>
    <message>
        <source>Inspected</source>
        <translation>检查时间</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>点位编号</translation>
    </message>
    <message>
        <source>Site name</source>
        <translation>点位名称</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Sub-district</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>测评内容</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>问题处数</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>检查人员</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to CivicAudit</source>
        <translation>欢迎使用创城巡检</translation>
    </message>
    <message>
        <source>CivicAudit records site inspections for the National Civilized City assessment, offline on this computer. Create your profile to begin.</source>
        <translation>创城巡检用于记录全国文明城市测评的点位实地巡检，离线运行，数据保存在本机。请先创建您的用户。</translation>
    </message>
    <message>
        <source>Choose: auditor or city office</source>
        <translation>请选择：检查人员或创城办</translation>
    </message>
    <message>
        <source>Set up this office: its certificate authority (named after the organisation) and its own certificate</source>
        <translation>同时建立本办的证书机构（以单位名称命名）和本办自己的证书</translation>
    </message>
    <message>
        <source>Load the demo city (Taiyuan) to look around</source>
        <translation>载入示例城市（太原），先熟悉一下</translation>
    </message>
    <message>
        <source>Create profile</source>
        <translation>创建用户</translation>
    </message>
    <message>
        <source>&amp;Join an office from its USB drive…</source>
        <translation>从创城办的U盘加入(&amp;J)…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Type the office&apos;s name as the organisation (e.g. 迎泽区创城办): its authority is named after it.</source>
        <translation>请在“单位”中填写创城办名称（如：迎泽区创城办），证书机构以此命名。</translation>
    </message>
    <message>
        <source>Could not create the profile: %1</source>
        <translation>无法创建用户：%1</translation>
    </message>
</context>
<context>
    <name>HeadlineTiles</name>
    <message>
        <source>Score rate</source>
        <translation>得分率</translation>
    </message>
    <message>
        <source>Pass rate</source>
        <translation>符合率</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>检查次数</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>点位数</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题数</translation>
    </message>
    <message>
        <source>%1 against the previous period</source>
        <translation>较上期 %1</translation>
    </message>
    <message>
        <source>no figure for the previous period</source>
        <translation>上期无数据</translation>
    </message>
    <message>
        <source>previous period: %1</source>
        <translation>上期：%1</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>an auditor&apos;s work</source>
        <translation>检查人员的工作</translation>
    </message>
    <message>
        <source>office data</source>
        <translation>创城办数据</translation>
    </message>
    <message>
        <source>office receipt</source>
        <translation>创城办回执</translation>
    </message>
    <message>
        <source>letterhead</source>
        <translation>信头</translation>
    </message>
    <message>
        <source>notice numbering</source>
        <translation>通知书编号规则</translation>
    </message>
    <message>
        <source>number prefix</source>
        <translation>编号前缀</translation>
    </message>
    <message>
        <source>photo stamp</source>
        <translation>照片水印</translation>
    </message>
    <message>
        <source>negative list</source>
        <translation>负面清单</translation>
    </message>
    <message>
        <source>The file cannot be read: the copy is incomplete or damaged, or the drive was removed.</source>
        <translation>无法读取文件：副本不完整或已损坏，或U盘已拔出。</translation>
    </message>
    <message>
        <source>The bundle was changed after it was signed.</source>
        <translation>同步包在签名后被改动。</translation>
    </message>
    <message>
        <source>The bundle holds something CivicAudit never writes; do not use it.</source>
        <translation>同步包含有创城巡检不会写入的内容，请勿使用。</translation>
    </message>
    <message>
        <source>The bundle is not signed by anyone your office trusts.</source>
        <translation>同步包的签名人不受本创城办信任。</translation>
    </message>
    <message>
        <source>The bundle is signed with a revoked certificate.</source>
        <translation>同步包的签名证书已被吊销。</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate is expired or not valid yet (check this computer&apos;s date).</source>
        <translation>签名证书已过期或尚未生效（请检查本机日期）。</translation>
    </message>
    <message>
        <source>The bundle belongs to another office.</source>
        <translation>同步包属于其他创城办。</translation>
    </message>
    <message>
        <source>This computer does not belong to an office yet: install your certificate from the office first.</source>
        <translation>这台电脑尚未加入创城办：请先安装创城办为您签发的证书。</translation>
    </message>
    <message>
        <source>The bundle was made by a newer CivicAudit; update this program.</source>
        <translation>同步包由更新版本的创城巡检生成，请升级本程序。</translation>
    </message>
    <message>
        <source>This laptop missed an earlier office bundle, and this one carries only what changed since: ask the office for a complete bundle.</source>
        <translation>本电脑漏导入了创城办之前的同步包，而此同步包只含其后的更改：请创城办导出完整的同步包（全部发送）。</translation>
    </message>
    <message>
        <source>Import from USB</source>
        <translation>从U盘导入</translation>
    </message>
    <message>
        <source>&amp;Look again</source>
        <translation>重新查找(&amp;L)</translation>
    </message>
    <message>
        <source>Choose a &amp;file…</source>
        <translation>选择文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Resolve &amp;conflicts…</source>
        <translation>处理冲突(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Bundles from the auditors&apos; laptops. Each is checked completely (signature, every file) before anything changes; a receipt for the auditor is written onto the same drive.</source>
        <translation>来自检查人员电脑的同步包。导入前完整核验（签名及每个文件），再写入数据；回执写回同一U盘。</translation>
    </message>
    <message>
        <source>Data and receipts from the office. Each bundle is checked completely (signature, every file) before anything changes.</source>
        <translation>来自创城办的数据和回执。导入前完整核验（签名及每个文件），再写入数据。</translation>
    </message>
    <message>
        <source>&amp;Password (signs the receipt):</source>
        <translation>密码（用于签署回执）(&amp;P)：</translation>
    </message>
    <message>
        <source>No bundle found on a USB drive. Connect the drive, or choose a file.</source>
        <translation>U盘上未找到同步包。请插入U盘，或选择文件。</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>For the office: an auditor&apos;s work is imported there.</source>
        <translation>供创城办导入：检查人员的工作在创城办导入。</translation>
    </message>
    <message>
        <source>For an auditor&apos;s laptop.</source>
        <translation>供检查人员的电脑导入。</translation>
    </message>
    <message>
        <source>Type your password: the receipt for the auditor is signed with your key.</source>
        <translation>请输入密码：给检查人员的回执将用您的密钥签名。</translation>
    </message>
    <message>
        <source>Checking and importing %1…</source>
        <translation>正在核验并导入 %1…</translation>
    </message>
    <message numerus="yes">
        <source>Receipt from the office for this laptop&apos;s bundle %1: %n record(s) acknowledged.</source>
        <translation>
            <numerusform>创城办对本机第 %1 号数据包的回执：已确认 %n 条记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>That password is not yours. Nothing was imported; try again.</source>
        <translation>密码不正确，未导入任何内容，请重试。</translation>
    </message>
    <message>
        <source>Import stopped. Nothing was changed.</source>
        <translation>已停止导入，数据未改动。</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>已导入 %1</translation>
    </message>
    <message>
        <source>This bundle was imported before; nothing changed.</source>
        <translation>该同步包已导入过，数据未改动。</translation>
    </message>
    <message>
        <source>Photo originals the office holds may now be deleted from this laptop (Sync ▸ Delete acknowledged photo originals).</source>
        <translation>创城办已保存的照片原件现在可以从本机删除（同步 ▸ 删除已回执的照片原件）。</translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>新增 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>更新 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged</source>
        <translation>
            <numerusform>未变 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>冲突 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) copied</source>
        <translation>
            <numerusform>复制照片 %n 张</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already here</source>
        <translation>
            <numerusform>已有 %n 张</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n audit event(s)</source>
        <translation>
            <numerusform>审计记录 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Records changed on both sides are kept in both versions: choose one in Resolve conflicts.</source>
        <translation>双方都修改过的记录保留了两个版本：请在“处理冲突”中选择其一。</translation>
    </message>
    <message>
        <source>The office&apos;s settings now used here: %1.</source>
        <translation>已采用创城办的设置：%1。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Receipt written: %1 — give the drive back to the auditor.</source>
        <translation>回执已写入：%1——请将U盘交还检查人员。</translation>
    </message>
    <message>
        <source>Warning: the audit log of %1&apos;s laptop was rewritten after the office received it. The work was imported; the office&apos;s audit log records the finding. Ask for the laptop and report it.</source>
        <translation>警告：%1 的笔记本电脑上的审计日志在创城办接收之后被改写过。本次数据已导入，创城办的审计日志已记录此情况。请收回该笔记本电脑并上报。</translation>
    </message>
    <message>
        <source>(From event %1 on, its log no longer matches what the office received.)</source>
        <translation>（自第 %1 条事件起，其日志与创城办已接收的不一致。）</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <source>Refused. Nothing was changed.</source>
        <translation>已拒绝，数据未改动。</translation>
    </message>
    <message>
        <source>You have no signing certificate, so no receipt can be signed for the auditor. Install the office&apos;s certificate first.</source>
        <translation>您没有签名证书，无法为检查人员签署回执。请先安装创城办证书。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Bundle to import</source>
        <translation>要导入的同步包</translation>
    </message>
    <message>
        <source>CivicAudit bundles (*%1)</source>
        <translation>创城巡检同步包 (*%1)</translation>
    </message>
</context>
<context>
    <name>InspectionLineModel</name>
    <message>
        <source>(deleted site)</source>
        <translation>（点位已删除）</translation>
    </message>
    <message>
        <source>Inspected</source>
        <translation>检查时间</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>点位编号</translation>
    </message>
    <message>
        <source>Site name</source>
        <translation>点位名称</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>检查人员</translation>
    </message>
    <message>
        <source>Score rate</source>
        <translation>得分率</translation>
    </message>
    <message>
        <source>Pass rate</source>
        <translation>符合率</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题数</translation>
    </message>
</context>
<context>
    <name>InspectionView</name>
    <message>
        <source>No inspection open. Choose a site on the left and press Enter to start or continue one.</source>
        <translation>尚未打开检查。请在左侧选择点位，按回车键开始或继续检查。</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>finished, locked</source>
        <translation>已完成（已锁定）</translation>
    </message>
    <message>
        <source>Answered %1 of %2  ·  pass rate %3  ·  score rate %4  ·  failed %5</source>
        <translation>已答 %1/%2  ·  符合率 %3  ·  得分率 %4  ·  不符合 %5 项</translation>
    </message>
</context>
<context>
    <name>JoinOfficeDialog</name>
    <message>
        <source>Join an office</source>
        <translation>加入创城办</translation>
    </message>
    <message>
        <source>&amp;Choose the USB drive or folder…</source>
        <translation>选择U盘或文件夹(&amp;C)…</translation>
    </message>
    <message>
        <source>Insert the USB drive the office prepared for this laptop and choose it.</source>
        <translation>插入创城办为这台笔记本准备的U盘，然后选择它。</translation>
    </message>
    <message>
        <source>The fingerprint is the same as on the office&apos;s screen</source>
        <translation>指纹与创城办屏幕上显示的一致</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>加入</translation>
    </message>
    <message>
        <source>I am</source>
        <translation>我是</translation>
    </message>
    <message>
        <source>My password</source>
        <translation>我的密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再输一次密码</translation>
    </message>
    <message>
        <source>Office: %1</source>
        <translation>创城办：%1</translation>
    </message>
    <message>
        <source>Fingerprint of its authority — compare it with the office&apos;s screen:</source>
        <translation>其证书机构的指纹（请与创城办屏幕上的逐段核对）：</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Could not join: %1</source>
        <translation>未能加入：%1</translation>
    </message>
    <message>
        <source>Choose the office&apos;s USB drive</source>
        <translation>选择创城办的U盘</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>observe on site</source>
        <translation>实地观察</translation>
    </message>
    <message>
        <source>ask or test</source>
        <translation>询问测试</translation>
    </message>
    <message>
        <source>check records</source>
        <translation>查阅资料</translation>
    </message>
    <message>
        <source>major</source>
        <translation>重要</translation>
    </message>
    <message>
        <source>minor</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>fix at once (24 h)</source>
        <translation>立行立改（24小时）</translation>
    </message>
    <message>
        <source>3 working days</source>
        <translation>3个工作日</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7天</translation>
    </message>
    <message>
        <source>15 days</source>
        <translation>15天</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>this is a folder, not a photo</source>
        <translation>这是文件夹，不是照片</translation>
    </message>
    <message>
        <source>the file disappeared (card pulled out?)</source>
        <translation>文件已不存在（存储卡被拔出？）</translation>
    </message>
    <message>
        <source>the file cannot be read</source>
        <translation>文件无法读取</translation>
    </message>
    <message>
        <source>not a JPEG, PNG or HEIC photo</source>
        <translation>不是 JPEG、PNG 或 HEIC 照片</translation>
    </message>
    <message>
        <source>the image is incomplete or damaged</source>
        <translation>图像不完整或已损坏</translation>
    </message>
    <message>
        <source>the image has too many pixels</source>
        <translation>图像像素过多</translation>
    </message>
    <message>
        <source>HEIC photos cannot be read here</source>
        <translation>本机无法读取 HEIC 照片</translation>
    </message>
    <message>
        <source>the file changed during the import</source>
        <translation>导入过程中文件发生了变化</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>检查人员</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>创城办</translation>
    </message>
    <message>
        <source>taken outside the inspection&apos;s time</source>
        <translation>拍摄时间不在检查时段内</translation>
    </message>
    <message>
        <source>no GPS position</source>
        <translation>无GPS定位</translation>
    </message>
    <message>
        <source>no camera data (EXIF)</source>
        <translation>无拍摄信息（EXIF）</translation>
    </message>
    <message>
        <source>also evidence in another inspection</source>
        <translation>已用作其他检查的证据</translation>
    </message>
    <message>
        <source>Other time</source>
        <translation>时间不符</translation>
    </message>
    <message>
        <source>No location</source>
        <translation>无定位</translation>
    </message>
    <message>
        <source>No camera info</source>
        <translation>无拍摄信息</translation>
    </message>
    <message>
        <source>Used before</source>
        <translation>他处已用</translation>
    </message>
    <message>
        <source>The camera&apos;s clock says the photo was taken before or after this inspection. Check that it is the right photo, or that the camera&apos;s clock is right.</source>
        <translation>相机时钟显示，这张照片拍摄于本次检查时段之外。请确认照片是否选对，或相机时钟是否准确。</translation>
    </message>
    <message>
        <source>The photo does not say where it was taken: the camera&apos;s or phone&apos;s location was off. Switch it on for the next photos.</source>
        <translation>照片中没有拍摄位置：相机或手机的定位未打开。请在之后拍照前打开定位。</translation>
    </message>
    <message>
        <source>The photo carries no camera information (time, camera, place): it may be a screenshot, an edited copy or a picture passed on through a chat app. Attach the original from the camera or phone if you can.</source>
        <translation>照片中没有拍摄信息（时间、设备、位置），可能是截图、编辑过的副本或经聊天软件转发的图片。请尽量附上相机或手机中的原图。</translation>
    </message>
    <message>
        <source>The same photo is evidence in another inspection too. Check that it shows this site on this inspection&apos;s day.</source>
        <translation>同一张照片也是另一次检查的证据。请确认它拍的是本点位、本次检查当天。</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the items of a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>a name and its staff number</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>being issued</source>
        <translation>签发中</translation>
    </message>
    <message>
        <source>void</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>已签发</translation>
    </message>
    <message>
        <source>received</source>
        <translation>已签收</translation>
    </message>
    <message>
        <source>reply received</source>
        <translation>已回复</translation>
    </message>
    <message>
        <source>re-inspected, not fixed</source>
        <translation>已复查，未整改到位</translation>
    </message>
    <message>
        <source>escalated</source>
        <translation>已通报曝光</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已销号</translation>
    </message>
    <message>
        <source>fixed</source>
        <translation>已整改</translation>
    </message>
    <message>
        <source>partly fixed</source>
        <translation>部分整改</translation>
    </message>
    <message>
        <source>not fixed</source>
        <translation>未整改</translation>
    </message>
    <message>
        <source>bulletin (通报)</source>
        <translation>通报</translation>
    </message>
    <message>
        <source>exposure list (曝光台)</source>
        <translation>曝光台</translation>
    </message>
</context>
<context>
    <name>LaptopEnrolmentDialog</name>
    <message>
        <source>Bring laptops into the office</source>
        <translation>新笔记本加入创城办</translation>
    </message>
    <message>
        <source>The USB drive (or a folder on it)</source>
        <translation>U盘（或其中的文件夹）</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Prepare the drive for new laptops</source>
        <translation>为新笔记本准备U盘(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Issue the requests on the drive</source>
        <translation>签发U盘上的证书申请(&amp;I)</translation>
    </message>
    <message>
        <source>Drive:</source>
        <translation>U盘：</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>您的密码</translation>
    </message>
    <message>
        <source>Written: %1 and office-ca.pem. On each new laptop choose “Join an office from its USB drive”: the fingerprint it shows must read</source>
        <translation>已写入 %1 和 office-ca.pem。在每台新笔记本上选择“从创城办的U盘加入”：它显示的指纹必须是</translation>
    </message>
    <message>
        <source>Then bring the drive back here and issue the requests the laptops wrote on it.</source>
        <translation>然后把U盘拿回这里，签发各笔记本写在上面的证书申请。</translation>
    </message>
    <message>
        <source>No certificate request on this drive yet.</source>
        <translation>这个U盘上还没有证书申请。</translation>
    </message>
    <message>
        <source>certificate %1</source>
        <translation>证书 %1</translation>
    </message>
    <message>
        <source>The certificates go out with the next office bundle (Sync ▸ Export).</source>
        <translation>证书随下一个创城办数据包发出（同步 ▸ 导出）。</translation>
    </message>
    <message>
        <source>Choose the USB drive first.</source>
        <translation>请先选择U盘。</translation>
    </message>
    <message>
        <source>Choose the USB drive</source>
        <translation>选择U盘</translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Switch user / sign out</source>
        <translation>切换用户 / 注销</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Locked — %1 (%2)</source>
        <translation>已锁定 — %1（%2）</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>密码错误。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>%1 (%2) — %3</source>
        <translation>%1（%2）— %3</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>密码错误。</translation>
    </message>
    <message>
        <source>Choose a new password to sign in.</source>
        <translation>请先设置新密码，然后才能登录。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>CivicAudit</source>
        <translation>创城巡检</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Finish the inspection first (Ctrl+Enter); a notice is issued from its failed criteria.</source>
        <translation>请先完成检查（Ctrl+Enter）；整改通知书依据不符合项签发。</translation>
    </message>
    <message>
        <source>This inspection has no failed criterion, so no notice is needed.</source>
        <translation>本次检查没有不符合项，无需签发整改通知书。</translation>
    </message>
    <message numerus="yes">
        <source>%n site(s)</source>
        <translation>
            <numerusform>%n 个点位</numerusform>
        </translation>
    </message>
    <message>
        <source>Data: %1</source>
        <translation>数据目录：%1</translation>
    </message>
    <message>
        <source>Demo city loaded. Password for every demo profile: demo</source>
        <translation>示例城市已载入。所有示例账号的密码均为 demo</translation>
    </message>
    <message>
        <source>&amp;Inspection</source>
        <translation>检查(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Notices</source>
        <translation>通知书(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>同步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Office</source>
        <translation>创城办(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Start a new inspection of %1?</source>
        <translation>开始对 %1 的新一次检查？</translation>
    </message>
    <message>
        <source>New inspection</source>
        <translation>新建检查</translation>
    </message>
    <message>
        <source>Reopen inspection</source>
        <translation>重新打开检查</translation>
    </message>
    <message>
        <source>Why must this finished inspection change?</source>
        <translation>请说明为何需要修改这次已完成的检查：</translation>
    </message>
    <message>
        <source>Loading the demo city</source>
        <translation>正在载入示例城市</translation>
    </message>
    <message>
        <source>About CivicAudit</source>
        <translation>关于创城巡检</translation>
    </message>
    <message>
        <source>%1 %2 — offline field audits for the National Civilized City assessment.</source>
        <translation>%1 %2 —— 全国文明城市测评实地督查离线工具。</translation>
    </message>
</context>
<context>
    <name>MonthPlanDialog</name>
    <message>
        <source>Plan the month</source>
        <translation>月度检查计划</translation>
    </message>
    <message>
        <source>&amp;Sample</source>
        <translation>随机抽取(&amp;S)</translation>
    </message>
    <message>
        <source> per site type</source>
        <translation> 个/类</translation>
    </message>
    <message>
        <source>The same number always draws the same sites: anyone can draw the sample again and check it.</source>
        <translation>同一编号总是抽出同样的点位：任何人都可以用它重新抽取、核对。</translation>
    </message>
    <message>
        <source>&amp;Save the plan</source>
        <translation>保存计划(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Remove selected</source>
        <translation>删除所选(&amp;R)</translation>
    </message>
    <message>
        <source>New plan</source>
        <translation>新建计划</translation>
    </message>
    <message>
        <source>The month&apos;s plan</source>
        <translation>当月计划</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>抽取编号</translation>
    </message>
    <message>
        <source>Districts (none ticked: all)</source>
        <translation>区县（不勾选即全部）</translation>
    </message>
    <message>
        <source>Site types (none ticked: all)</source>
        <translation>点位类型（不勾选即全部）</translation>
    </message>
    <message>
        <source>Auditors</source>
        <translation>检查人员</translation>
    </message>
    <message>
        <source>Tick &amp;all</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>Tick &amp;none</source>
        <translation>全不选(&amp;N)</translation>
    </message>
    <message>
        <source>Candidate sites</source>
        <translation>备选点位</translation>
    </message>
    <message>
        <source>Who checks which site (double-click an auditor to change it)</source>
        <translation>任务分配（双击检查人员可更改）</translation>
    </message>
    <message>
        <source>Only the office plans the month.</source>
        <translation>仅创城办可制定月度检查计划。</translation>
    </message>
    <message numerus="yes">
        <source>%n site(s) match.</source>
        <translation>
            <numerusform>符合条件的点位共 %n 个。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A sample of %n site(s) (%1 per site type, seed %2).</source>
        <translation>
            <numerusform>随机抽取 %n 个点位（每类 %1 个，抽取编号 %2，可重现）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n site(s): %1</source>
        <translation>
            <numerusform>共 %n 个点位：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n site(s) another auditor already has was/were left out.</source>
        <translation>
            <numerusform>已安排给其他检查人员的 %n 个点位未再安排。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n site(s) also has/have another auditor this month.</source>
        <translation>
            <numerusform>其中 %n 个点位本月另有检查人员负责。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n assignment(s) in %1, %2 sent out. Removing a sent one takes it off the laptop with the next office bundle.</source>
        <translation>
            <numerusform>%1 共 %n 条检查任务，已下发 %2 条。删除已下发的任务后，下次下发的数据包会将其从检查人员电脑上撤下。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n assignment(s) removed.</source>
        <translation>
            <numerusform>已删除 %n 条检查任务。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 site types have fewer sites than asked: all of theirs were taken.</source>
        <translation>%1 类点位数量不足抽取数，已全部选入。</translation>
    </message>
    <message>
        <source>Tick sites and auditors to see who checks what.</source>
        <translation>勾选点位和检查人员后，此处显示任务分配。</translation>
    </message>
    <message>
        <source>Tick at least one auditor.</source>
        <translation>请至少勾选一名检查人员。</translation>
    </message>
    <message>
        <source>%1 of these sites already have another auditor this month. Tick to plan them as well (two auditors check them); left unticked, they are left out.</source>
        <translation>其中 %1 个点位本月已安排给其他检查人员。勾选则照样安排（由两人检查）；不勾选则不安排这些点位。</translation>
    </message>
    <message>
        <source>Saved the plan for %1: %2 new assignments, %3 already planned. They go out in the next office bundle.</source>
        <translation>%1 检查计划已保存：新增 %2 条任务，%3 条此前已安排。任务将随下次下发的数据包发给检查人员。</translation>
    </message>
    <message>
        <source>%1 of them had been sent out: export the office bundle to take them off the laptops.</source>
        <translation>其中 %1 条已下发：请导出下发数据包，将其从检查人员电脑上撤下。</translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <source>Search name, code or address</source>
        <translation>搜索名称、编号或地址</translation>
    </message>
    <message>
        <source>Day:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Show more sites (%1 of %2 listed)</source>
        <translation>显示更多点位（已列出 %1 个，共 %2 个）</translation>
    </message>
    <message>
        <source>No sites yet. Import the city&apos;s site list: Office ▸ Site list. Then plan the month and export the office bundle for the laptops.</source>
        <translation>还没有点位。请先导入全市点位清单：创城办 ▸ 点位清单。然后制定月度计划，并导出创城办数据包给各笔记本。</translation>
    </message>
    <message>
        <source>No sites yet. Import the bundle the office gave you on a USB drive: Sync ▸ Import from USB. Your sites and this month&apos;s plan come with it.</source>
        <translation>还没有点位。请导入创城办用U盘交给您的数据包：同步 ▸ 从U盘导入。您的点位和本月计划随之而来。</translation>
    </message>
    <message>
        <source>To look around first: File ▸ Load demo city (a made-up city; not on a working laptop).</source>
        <translation>想先看看：文件 ▸ 载入示例城市（虚构的城市；不要在工作用的笔记本上载入）。</translation>
    </message>
    <message>
        <source>All districts</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <source>All site types</source>
        <translation>全部点位类型</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All sub-districts</source>
        <translation>全部街道</translation>
    </message>
</context>
<context>
    <name>NavigatorModel</name>
    <message>
        <source>Site</source>
        <translation>点位</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Score rate</source>
        <translation>得分率</translation>
    </message>
    <message>
        <source>Double-click or press Enter to list more of its inspections</source>
        <translation>双击或按回车键，列出该点位的更多检查</translation>
    </message>
    <message>
        <source>Show more… (%1 of %2 inspections listed)</source>
        <translation>显示更多…（已列出 %1 次检查，共 %2 次）</translation>
    </message>
</context>
<context>
    <name>NegativeListDialog</name>
    <message>
        <source>Negative list</source>
        <translation>负面清单</translation>
    </message>
    <message>
        <source>A rule applies to a district, sub-district or unit when its criteria failed at least the given number of times in the period. To change the list, write the rules to a JSON file and load it with “python main.py negative-list set FILE”.</source>
        <translation>某区县、街道或责任单位在统计期内相关指标不符合次数达到触发条件时，适用该项规则。如需修改清单，请将规则写入 JSON 文件，再用“python main.py negative-list set FILE”导入。</translation>
    </message>
</context>
<context>
    <name>NoticeBoard</name>
    <message>
        <source>Follow-up board</source>
        <translation>整改跟踪台账</translation>
    </message>
    <message>
        <source>Search number, site, unit, auditor</source>
        <translation>搜索编号、点位、单位、检查人员</translation>
    </message>
    <message>
        <source>All districts</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部责任单位</translation>
    </message>
    <message>
        <source>All auditors</source>
        <translation>全部检查人员</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Received</source>
        <translation>已签收(&amp;R)</translation>
    </message>
    <message>
        <source>Reply &amp;received</source>
        <translation>已回复(&amp;R)</translation>
    </message>
    <message>
        <source>Re-&amp;inspect…</source>
        <translation>复查(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Before / after</source>
        <translation>整改前后对照(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Assign re-inspection…</source>
        <translation>安排复查(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Escalate</source>
        <translation>通报曝光(&amp;E)</translation>
    </message>
    <message>
        <source>Print &amp;today&apos;s notices…</source>
        <translation>打印今日通知书(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Verify a PDF…</source>
        <translation>核验 PDF(&amp;V)…</translation>
    </message>
    <message>
        <source>Escalate the selected notices to a bulletin (通报) or the exposure list (曝光台)</source>
        <translation>将所选整改通知书予以通报或在曝光台曝光</translation>
    </message>
    <message>
        <source>Plan a re-inspection of the selected notices&apos; sites for an auditor on a day</source>
        <translation>为所选整改通知书所涉点位指定检查人员和复查日期</translation>
    </message>
    <message>
        <source>A cover list and every notice issued today, in one print job</source>
        <translation>一次打印：清单及今日签发的全部通知书</translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s) · %1 open · %2 overdue</source>
        <translation>
            <numerusform>共 %n 份 · 未销号 %1 份 · 逾期 %2 份</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Escalate %n notice(s) to the %1? This is recorded and cannot be undone.</source>
        <translation>
            <numerusform>确定将 %n 份整改通知书纳入%1吗？此操作将记录在案，无法撤销。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s) escalated to the %1.</source>
        <translation>
            <numerusform>已将 %n 份整改通知书纳入%1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Re-inspection of %n notice(s) planned for %1 on %2.</source>
        <translation>
            <numerusform>已安排 %1 于 %2 复查 %n 份整改通知书。</numerusform>
        </translation>
    </message>
    <message>
        <source> · %1 selected</source>
        <translation> · 已选 %1 份</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>通报曝光</translation>
    </message>
    <message>
        <source>Notices of the day</source>
        <translation>今日整改通知书</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>The printer could not be used.</source>
        <translation>无法使用该打印机。</translation>
    </message>
</context>
<context>
    <name>NoticeEditor</name>
    <message>
        <source>Rectification notice</source>
        <translation>整改通知书</translation>
    </message>
    <message>
        <source>Representative &amp;signs…</source>
        <translation>对方签收(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Issue and sign…</source>
        <translation>签发并签名(&amp;I)…</translation>
    </message>
    <message>
        <source>Number, build and digitally sign the notice (Ctrl+Enter)</source>
        <translation>编号、生成并数字签名通知书（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>24 hours (fix at once)</source>
        <translation>24小时（立行立改）</translation>
    </message>
    <message>
        <source>3 working days</source>
        <translation>3个工作日</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7日</translation>
    </message>
    <message>
        <source>15 days</source>
        <translation>15日</translation>
    </message>
    <message>
        <source>A date…</source>
        <translation>指定日期…</translation>
    </message>
    <message>
        <source>Addressee</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Responsible &amp;unit</source>
        <translation>责任单位(&amp;U)</translation>
    </message>
    <message>
        <source>Person in &amp;charge</source>
        <translation>负责人(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>联系电话(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Location</source>
        <translation>位置(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>问题描述(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Requirement</source>
        <translation>整改要求(&amp;R)</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Problems (tick those the notice lists)</source>
        <translation>问题（勾选列入通知书的问题）</translation>
    </message>
    <message>
        <source>Deadline and re-inspection</source>
        <translation>整改时限及复查</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <source>Re-inspection on</source>
        <translation>复查日期</translation>
    </message>
    <message>
        <source>Photo %1</source>
        <translation>照片 %1</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>截止 %1</translation>
    </message>
    <message>
        <source>Signature of the unit&apos;s representative</source>
        <translation>责任单位代表签名</translation>
    </message>
    <message>
        <source>Receipt: %1 refused to sign (recorded on the notice).</source>
        <translation>签收：%1 拒绝签收（将记录在通知书上）。</translation>
    </message>
    <message>
        <source>Receipt: signed by %1.</source>
        <translation>签收：%1 已签名。</translation>
    </message>
    <message>
        <source>Receipt: not signed yet (the unit can sign the printed copy).</source>
        <translation>签收：尚未签名（责任单位可在打印件上签收）。</translation>
    </message>
    <message>
        <source>the representative</source>
        <translation>对方代表</translation>
    </message>
</context>
<context>
    <name>NoticeFlow</name>
    <message>
        <source>No signing certificate</source>
        <translation>没有签名证书</translation>
    </message>
    <message>
        <source>Notices are signed with your key and a certificate from the office, and this laptop has none yet. A new laptop joins the office from the USB drive the office prepared (first start); the certificate then arrives with the office&apos;s next bundle: Sync ▸ Import from USB.</source>
        <translation>整改通知书须用您的密钥和创城办签发的证书签名，而本机还没有证书。新笔记本首次启动时用创城办准备的U盘加入创城办；证书随创城办的下一个数据包送达：同步 ▸ 从U盘导入。</translation>
    </message>
    <message>
        <source>Your signature (printed on your notices)</source>
        <translation>您的签名（将印在您签发的通知书上）</translation>
    </message>
    <message>
        <source>That password did not unlock your key. Try again:</source>
        <translation>该密码无法解锁您的密钥，请重试：</translation>
    </message>
    <message>
        <source>Your password unlocks your signing key:</source>
        <translation>请输入密码以解锁签名密钥：</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Signing</source>
        <translation>正在签名</translation>
    </message>
    <message>
        <source>Not issued</source>
        <translation>未签发</translation>
    </message>
</context>
<context>
    <name>NoticePreview</name>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save a copy…</source>
        <translation>另存一份(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>核验(&amp;V)</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>The printer could not be used.</source>
        <translation>无法使用该打印机。</translation>
    </message>
    <message>
        <source>Save a copy of the notice</source>
        <translation>另存通知书</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
</context>
<context>
    <name>NoticeSettingsDialog</name>
    <message>
        <source>Notice letterhead and numbering</source>
        <translation>通知书版头与编号</translation>
    </message>
    <message>
        <source>One clause per line</source>
        <translation>每行一条</translation>
    </message>
    <message>
        <source>No logo (a PNG or JPEG file)</source>
        <translation>无标志（可选 PNG 或 JPEG 文件）</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Remove logo</source>
        <translation>去掉标志(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Issuer (发文机关)</source>
        <translation>发文机关</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>文书标题</translation>
    </message>
    <message>
        <source>Fixed clauses</source>
        <translation>固定条款</translation>
    </message>
    <message>
        <source>Copies to (抄送)</source>
        <translation>抄送</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>标志</translation>
    </message>
    <message>
        <source>Number prefix</source>
        <translation>编号前缀</translation>
    </message>
    <message>
        <source>Number pattern</source>
        <translation>编号格式</translation>
    </message>
    <message>
        <source>Sample number</source>
        <translation>编号示例</translation>
    </message>
    <message>
        <source>The pattern takes {prefix}, {year}, {code} (the auditor&apos;s staff number) and {serial:04d}; it must contain {code} and {serial}.</source>
        <translation>格式可用 {prefix}（前缀）、{year}（年份）、{code}（检查人员工号）和 {serial:04d}（流水号）；必须包含 {code} 和 {serial}。</translation>
    </message>
    <message>
        <source>Saved: new notices use it; laptops receive it with the next office bundle (Sync ▸ Export).</source>
        <translation>已保存：新开具的通知书即按此办理；各笔记本随创城办下一个数据包收到（同步 ▸ 导出到U盘）。</translation>
    </message>
    <message>
        <source>This pattern cannot make a number; use {prefix}, {year}, {code} and {serial:04d}, and double any other brace.</source>
        <translation>此格式无法生成编号；请使用 {prefix}、{year}、{code} 和 {serial:04d}，其他花括号请写两次。</translation>
    </message>
    <message>
        <source>For example %1</source>
        <translation>例如 %1</translation>
    </message>
    <message>
        <source>(not an image)</source>
        <translation>（不是图片）</translation>
    </message>
    <message>
        <source>(no logo)</source>
        <translation>（无标志）</translation>
    </message>
    <message>
        <source>Choose the letterhead logo</source>
        <translation>选择版头标志</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>NoticeTableModel</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>点位</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Addressee</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last action</source>
        <translation>最近处理</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>检查人员</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>逾期 %1 天</translation>
    </message>
    <message>
        <source>overdue today</source>
        <translation>今日已逾期</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>今日到期</translation>
    </message>
</context>
<context>
    <name>OfficeCharts</name>
    <message>
        <source>Jan</source>
        <translation>1月</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>12月</translation>
    </message>
    <message>
        <source>%2 %1</source>
        <comment>a period of one month</comment>
        <translation>%1年%2</translation>
    </message>
    <message>
        <source>%2–%4 %3</source>
        <comment>a period within one year</comment>
        <translation>%1年%2至%4</translation>
    </message>
    <message>
        <source>%2 %1 – %4 %3</source>
        <comment>a period over two years</comment>
        <translation>%1年%2至%3年%4</translation>
    </message>
</context>
<context>
    <name>OfficeFigures</name>
    <message>
        <source>(not filled in)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>Not inspected this period</source>
        <translation>本期未检查</translation>
    </message>
    <message>
        <source>Not ranked in the previous period</source>
        <translation>上期未参与排名</translation>
    </message>
    <message>
        <source>Rank %1 in the previous period</source>
        <translation>上期第 %1 名</translation>
    </message>
    <message>
        <source>This period %1, previous period %2</source>
        <translation>本期 %1，上期 %2</translation>
    </message>
</context>
<context>
    <name>PairView</name>
    <message>
        <source>Before: %1</source>
        <translation>整改前：%1</translation>
    </message>
    <message>
        <source>After: %1</source>
        <translation>整改后：%1</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>缩小（Ctrl+-）</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>放大（Ctrl++）</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Fit the page width (Ctrl+0)</source>
        <translation>适合页宽（Ctrl+0）</translation>
    </message>
    <message>
        <source>Cannot show %1: %2</source>
        <translation>无法显示 %1：%2</translation>
    </message>
    <message>
        <source>it is protected by a password.</source>
        <translation>文件受密码保护。</translation>
    </message>
    <message>
        <source>the file does not exist.</source>
        <translation>文件不存在。</translation>
    </message>
    <message>
        <source>it is not a PDF, or it is damaged or incomplete.</source>
        <translation>不是 PDF 文件，或文件已损坏、不完整。</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>&amp;to</source>
        <translation>至(&amp;T)</translation>
    </message>
    <message>
        <source>Tick to choose a run of months</source>
        <translation>勾选后可选择连续多个月</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>统计期(&amp;P)：</translation>
    </message>
    <message>
        <source>Choose a month with inspections, or type one as YYYY-MM</source>
        <translation>选择有检查的月份，或按 YYYY-MM 格式输入</translation>
    </message>
    <message>
        <source>Write months as YYYY-MM; a range must not end before it starts.</source>
        <translation>月份请按 YYYY-MM 格式填写；结束月份不能早于开始月份。</translation>
    </message>
</context>
<context>
    <name>PhotoImporter</name>
    <message>
        <source>Adding photos</source>
        <translation>正在添加照片</translation>
    </message>
    <message>
        <source>Making previews</source>
        <translation>正在生成预览图</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) added</source>
        <translation>
            <numerusform>已添加 %n 张照片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already attached</source>
        <translation>
            <numerusform>%n 张已在本项中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n 个被拒收</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with warnings</source>
        <translation>
            <numerusform>%n 张有提示</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: refused — %2</source>
        <translation>%1：被拒收 — %2</translation>
    </message>
</context>
<context>
    <name>PhotoListModel</name>
    <message>
        <source>%1: %2</source>
        <comment>a photo&apos;s flag: its meaning</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 (whole inspection)</source>
        <translation>%1（整次检查）</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Taken: %1</source>
        <translation>拍摄时间：%1</translation>
    </message>
    <message>
        <source>Attached to the whole inspection, not to one criterion</source>
        <translation>属于整次检查，不属于某一检查项</translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>%n 处标注</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhotoSources</name>
    <message>
        <source>Add &amp;photos…</source>
        <translation>添加照片(&amp;P)…</translation>
    </message>
    <message>
        <source>Add fol&amp;der…</source>
        <translation>添加文件夹(&amp;D)…</translation>
    </message>
    <message>
        <source>From ca&amp;rd…</source>
        <translation>从存储卡(&amp;R)…</translation>
    </message>
    <message>
        <source>Ca&amp;mera…</source>
        <translation>摄像头拍照(&amp;M)…</translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Photos (%1)</source>
        <translation>照片 (%1)</translation>
    </message>
    <message>
        <source>Add a folder of photos</source>
        <translation>添加照片文件夹</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>Evidence photo</source>
        <translation>证据照片</translation>
    </message>
    <message>
        <source>Show &amp;stamp</source>
        <translation>显示水印(&amp;S)</translation>
    </message>
    <message>
        <source>Previous photo (Left, PageUp)</source>
        <translation>上一张（左方向键、PageUp）</translation>
    </message>
    <message>
        <source>Next photo (Right, PageDown)</source>
        <translation>下一张（右方向键、PageDown）</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl+=, wheel)</source>
        <translation>放大（Ctrl+=、滚轮）</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-, wheel)</source>
        <translation>缩小（Ctrl+-、滚轮）</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <source>Whole photo (Ctrl+0)</source>
        <translation>显示整张照片（Ctrl+0）</translation>
    </message>
    <message>
        <source>Evidence photo: %1</source>
        <translation>证据照片：%1</translation>
    </message>
    <message>
        <source>unknown time</source>
        <translation>时间不详</translation>
    </message>
    <message>
        <source>whole inspection</source>
        <translation>整次检查</translation>
    </message>
    <message>
        <source>taken %1</source>
        <translation>拍摄于 %1</translation>
    </message>
</context>
<context>
    <name>PlanLineModel</name>
    <message>
        <source>Auditor</source>
        <translation>检查人员</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>点位</translation>
    </message>
    <message>
        <source>Site type</source>
        <translation>点位类型</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>下发状态</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已下发</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>未下发</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Large text, high contrast (for sunlight)</source>
        <translation>大字高对比（适合强光下使用）</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>After a pass or not applicable, go to the next &amp;unanswered criterion</source>
        <translation>标记“符合”或“不适用”后自动转到下一个未答项(&amp;U)</translation>
    </message>
    <message>
        <source>Show each criterion in both Chinese and &amp;English</source>
        <translation>检查项目同时显示中英文(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>界面语言(&amp;L)：</translation>
    </message>
    <message>
        <source>A new language applies when the program starts again.</source>
        <translation>更改语言后，重新启动程序生效。</translation>
    </message>
    <message>
        <source>Lock the screen after &amp;idle:</source>
        <translation>无操作多久后锁屏(&amp;I)：</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Sub-district</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
</context>
<context>
    <name>RankingsDialog</name>
    <message>
        <source>Rankings</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>&amp;Negative list…</source>
        <translation>负面清单(&amp;N)…</translation>
    </message>
    <message>
        <source>The rules that zero, cap or cut a score</source>
        <translation>清零、封顶或扣减得分率的规则</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Read the rankings again (F5)</source>
        <translation>重新读取排名（F5）</translation>
    </message>
    <message>
        <source>Ranked by the score rate after the negative list. The last places are shaded and marked “Last place”.</source>
        <translation>按负面清单扣减后的得分率排名。末位以底色标出，并注明“末位”。</translation>
    </message>
    <message>
        <source>Districts</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Sub-districts</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Sub-district</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Responsible units</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>&amp;Last places marked:</source>
        <translation>标记末位数(&amp;L)：</translation>
    </message>
    <message>
        <source>How many of the lowest ranks are marked (0: none)</source>
        <translation>标记排名最后的几位（0 表示不标记）</translation>
    </message>
    <message>
        <source>Only the office sets how many last places are marked</source>
        <translation>只有创城办可以设置标记的末位数</translation>
    </message>
    <message>
        <source>No finished inspections in %1.</source>
        <translation>%1 没有已完成的检查</translation>
    </message>
</context>
<context>
    <name>ReinspectionDialog</name>
    <message>
        <source>Re-inspection of %1</source>
        <translation>复查 %1</translation>
    </message>
    <message>
        <source>Add &amp;after-photos…</source>
        <translation>添加整改后照片(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Record and sign…</source>
        <translation>记录并签名(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>复查结果(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>说明(&amp;N)</translation>
    </message>
    <message>
        <source>After-photos of each problem:</source>
        <translation>各问题的整改后照片：</translation>
    </message>
    <message numerus="yes">
        <source>%n after-photo(s)</source>
        <translation>
            <numerusform>整改后照片 %n 张</numerusform>
        </translation>
    </message>
    <message>
        <source>After-photos</source>
        <translation>整改后照片</translation>
    </message>
    <message>
        <source>Photos (%1)</source>
        <translation>照片 (%1)</translation>
    </message>
</context>
<context>
    <name>ReinspectionPlanDialog</name>
    <message>
        <source>Assign re-inspection</source>
        <translation>安排复查</translation>
    </message>
    <message numerus="yes">
        <source>Plan a re-inspection of the sites of %n notice(s). It appears in the auditor&apos;s list for that day after the next office bundle.</source>
        <translation>
            <numerusform>为 %n 份整改通知书所涉点位安排复查。下次下发数据包后，复查将列入该检查人员当日的点位清单。</numerusform>
        </translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>检查人员</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
</context>
<context>
    <name>ReportExportDialog</name>
    <message>
        <source>Bulletin and spreadsheets</source>
        <translation>通报与报表</translation>
    </message>
    <message>
        <source>Monthly &amp;bulletin (PDF)</source>
        <translation>月度测评通报（PDF）(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Workbook (xlsx): findings, notices, rankings</source>
        <translation>Excel 工作簿（xlsx）：问题清单、整改通知、排名(&amp;W)</translation>
    </message>
    <message>
        <source>One &amp;table as CSV:</source>
        <translation>单张表格导出为 CSV(&amp;T)：</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>问题清单</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>整改通知</translation>
    </message>
    <message>
        <source>District ranking</source>
        <translation>区县排名</translation>
    </message>
    <message>
        <source>Unit ranking</source>
        <translation>责任单位排名</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Open the file</source>
        <translation>打开文件(&amp;O)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Write:</source>
        <translation>生成：</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Bulletin %1.pdf</source>
        <translation>实地测评通报 %1.pdf</translation>
    </message>
    <message>
        <source>Inspection data %1.xlsx</source>
        <translation>创城巡检数据 %1.xlsx</translation>
    </message>
    <message>
        <source>Choose a month (YYYY-MM) first.</source>
        <translation>请先选择月份（YYYY-MM）。</translation>
    </message>
    <message>
        <source>Choose where to write the file.</source>
        <translation>请选择文件保存位置。</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在生成 %1…</translation>
    </message>
    <message>
        <source>Writing</source>
        <translation>正在生成</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n 页</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>已生成：%1</translation>
    </message>
    <message>
        <source>Nothing was inspected in this period; the file says so.</source>
        <translation>本期没有完成的检查，文件中已注明。</translation>
    </message>
    <message>
        <source>Not written: %1</source>
        <translation>未生成：%1</translation>
    </message>
    <message>
        <source>Cancelled. No file was written.</source>
        <translation>已取消，未生成任何文件。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Write to</source>
        <translation>保存到</translation>
    </message>
</context>
<context>
    <name>ResultController</name>
    <message>
        <source>Clear %1</source>
        <translation>清除 %1</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Mark %1 %2</source>
        <translation>将 %1 标记为%2</translation>
    </message>
</context>
<context>
    <name>RuleTableModel</name>
    <message>
        <source>score rate becomes 0</source>
        <translation>得分率清零</translation>
    </message>
    <message>
        <source>score rate at most %1%</source>
        <translation>得分率最高 %1%</translation>
    </message>
    <message>
        <source>%1 percentage points off the score rate</source>
        <translation>得分率扣减 %1 个百分点</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>负面清单事项</translation>
    </message>
    <message>
        <source>Set off by</source>
        <translation>触发条件</translation>
    </message>
    <message>
        <source>%1 or more failed checks</source>
        <translation>不符合 %1 项及以上</translation>
    </message>
    <message>
        <source>Effect</source>
        <translation>处理</translation>
    </message>
    <message>
        <source>Criteria watched</source>
        <translation>涉及指标</translation>
    </message>
</context>
<context>
    <name>ShareModel</name>
    <message>
        <source>Site</source>
        <translation>点位</translation>
    </message>
    <message>
        <source>Site type</source>
        <translation>点位类型</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Sub-district</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>检查人员</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Marking keys work while the criteria list has the focus; Esc returns there from the location and note fields.</source>
        <translation>标记按键在测评内容列表获得焦点时有效；在位置和备注栏中按 Esc 返回列表。</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Take back the last stroke (Ctrl+Z)</source>
        <translation>撤销最后一笔（Ctrl+Z）</translation>
    </message>
    <message>
        <source>The representative refused to sign</source>
        <translation>对方代表拒绝签收</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>The notice will record that the representative refused to sign.</source>
        <translation>通知书将记录对方代表拒绝签收。</translation>
    </message>
    <message>
        <source>Sign on the line with the mouse, a pen or a finger.</source>
        <translation>请用鼠标、手写笔或手指在线上签名。</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Signature pad</source>
        <translation>签名板</translation>
    </message>
    <message>
        <source>Sign here</source>
        <translation>在此签名</translation>
    </message>
</context>
<context>
    <name>SiteImportDialog</name>
    <message>
        <source>Site list</source>
        <translation>点位清单</translation>
    </message>
    <message>
        <source>&amp;Choose a CSV file…</source>
        <translation>选择 CSV 文件(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Import these sites</source>
        <translation>导入这些点位(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Export the site list…</source>
        <translation>导出点位清单(&amp;E)…</translation>
    </message>
    <message>
        <source>Columns: 点位编号, 点位名称, 点位类型, 区县, 街道, 地址, 责任单位, 负责人, 联系电话, 纬度, 经度. UTF-8 text: in Excel, save as &apos;CSV UTF-8 (comma delimited)&apos;.</source>
        <translation>列：点位编号、点位名称、点位类型、区县、街道、地址、责任单位、负责人、联系电话、纬度、经度。须为 UTF-8 编码：在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”。</translation>
    </message>
    <message>
        <source>Imported: %1 new, %2 changed, %3 unchanged. The laptops receive them with the next office bundle.</source>
        <translation>已导入：新增 %1 个，修改 %2 个，不变 %3 个。各笔记本随下一个创城办数据包收到。</translation>
    </message>
    <message numerus="yes">
        <source>%n site(s) written to %1.</source>
        <translation>
            <numerusform>已将 %n 个点位写入 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a site list</source>
        <translation>选择点位清单</translation>
    </message>
    <message>
        <source>Export the site list</source>
        <translation>导出点位清单</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>Staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Staff number</source>
        <translation>工号(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Organisation</source>
        <translation>单位(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Repea&amp;t password</source>
        <translation>再次输入密码(&amp;T)</translation>
    </message>
    <message>
        <source>Add a person</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <source>At least %1 characters. This password is for signing in at the office&apos;s computer; an auditor chooses his own when his laptop joins the office.</source>
        <translation>至少 %1 个字符。此密码用于在创城办电脑上登录；检查人员的笔记本加入创城办时，由本人另设密码。</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>The password must have at least %1 characters.</source>
        <translation>密码至少需要 %1 个字符。</translation>
    </message>
</context>
<context>
    <name>StaffModel</name>
    <message>
        <source>Staff no</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
</context>
<context>
    <name>StandingTableModel</name>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Last place</source>
        <translation>末位</translation>
    </message>
    <message>
        <source>Score rate</source>
        <translation>得分率</translation>
    </message>
    <message>
        <source>Score before the negative list</source>
        <translation>原始得分率</translation>
    </message>
    <message>
        <source>Pass rate</source>
        <translation>符合率</translation>
    </message>
    <message>
        <source>Rank change</source>
        <translation>名次较上期（位）</translation>
    </message>
    <message>
        <source>Negative list</source>
        <translation>负面清单</translation>
    </message>
    <message>
        <source>%1 before the negative list</source>
        <translation>扣减前 %1</translation>
    </message>
    <message>
        <source>%1: %2 failed checks of %3 at %4</source>
        <translation>%1：%3 不符合 %2 项，点位 %4</translation>
    </message>
    <message>
        <source>(deleted sites)</source>
        <translation>（点位已删除）</translation>
    </message>
</context>
<context>
    <name>Start</name>
    <message>
        <source>CivicAudit is already open on this data folder (program %1) and does not answer. Close it, or wait for it, then start again.</source>
        <translation>创城巡检已在使用这个数据文件夹（程序 %1），但没有响应。请关闭它或稍候，再重新启动。</translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message>
        <source>Finish inspection</source>
        <translation>完成检查</translation>
    </message>
    <message>
        <source>Finish and &amp;lock</source>
        <translation>完成并锁定(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Back to the inspection</source>
        <translation>返回检查(&amp;B)</translation>
    </message>
    <message>
        <source>Issue a rectification &amp;notice…</source>
        <translation>签发整改通知书(&amp;N)…</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>测评内容</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题数</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Score rate %1 · pass rate %2 · %3 passed, %4 failed, %5 not applicable</source>
        <translation>得分率 %1 · 符合率 %2 · 符合 %3 项，不符合 %4 项，不适用 %5 项</translation>
    </message>
    <message numerus="yes">
        <source>%n criterion(s) not answered yet.</source>
        <translation>
            <numerusform>尚有 %n 项未作答。</numerusform>
        </translation>
    </message>
    <message>
        <source>No photo yet for: %1</source>
        <translation>以下不符合项尚无照片：%1</translation>
    </message>
    <message>
        <source>No failed criteria: no notice is needed.</source>
        <translation>没有不符合项，无需签发整改通知书。</translation>
    </message>
    <message>
        <source>Inspection finished</source>
        <translation>检查已完成</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>SyncFlow</name>
    <message>
        <source>Changes the office has not acknowledged with a receipt, the last receipt, and records changed on two machines. Updated after each sync and every minute.</source>
        <translation>创城办尚未回执的改动、最近回执，以及在两台电脑上都被修改的记录。每次同步后及每分钟更新。</translation>
    </message>
    <message>
        <source>Nothing to delete</source>
        <translation>没有可删除的内容</translation>
    </message>
    <message>
        <source>No photo original may be deleted yet. Only originals the office has acknowledged with a receipt are deleted, of finished inspections without an open notice.</source>
        <translation>目前没有可删除的照片原件。只删除创城办已回执、且所属检查已完成并无未销号通知书的照片原件。</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n photo original(s) from this laptop? The office holds them (its receipt says so). Previews and thumbnails stay.</source>
        <translation>
            <numerusform>从本机删除照片原件 %n 张？创城办已保存（有回执为证）。预览图和缩略图保留。</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete photo originals</source>
        <translation>删除照片原件</translation>
    </message>
    <message numerus="yes">
        <source>%n photo original(s) deleted.</source>
        <translation>
            <numerusform>已删除照片原件 %n 张。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 originals stay on this laptop: %2 not yet acknowledged by the office (export, then import its receipt), %3 of unfinished inspections, %4 of inspections with an open notice (the evidence stays until the notice is closed).</source>
        <translation>本机保留 %1 张原图：%2 张创城办尚未确认（请导出，再导入其回执），%3 张属于未完成的检查，%4 张属于整改通知尚未销号的检查（证据保留到通知销号）。</translation>
    </message>
    <message numerus="yes">
        <source>%n sync conflict(s)</source>
        <translation>
            <numerusform>同步冲突 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unsynced</source>
        <translation>
            <numerusform>未同步 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>last receipt %1</source>
        <translation>最近回执 %1</translation>
    </message>
    <message>
        <source>no receipt yet</source>
        <translation>尚无回执</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>冲突 %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>Trend of the score and pass rates</source>
        <translation>得分率和符合率趋势</translation>
    </message>
    <message>
        <source>Score and pass rates by month, %1</source>
        <translation>逐月得分率和符合率（%1）</translation>
    </message>
    <message>
        <source>Score rate</source>
        <translation>得分率</translation>
    </message>
    <message>
        <source>Pass rate</source>
        <translation>符合率</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify a notice</source>
        <translation>核验通知书</translation>
    </message>
    <message>
        <source>Verification results</source>
        <translation>核验结果</translation>
    </message>
    <message>
        <source>&amp;Copy results</source>
        <translation>复制结果(&amp;C)</translation>
    </message>
    <message>
        <source>Drop a notice PDF here, or several, or a folder of them</source>
        <translation>将通知书 PDF 拖放到这里（可多个，或整个文件夹）</translation>
    </message>
    <message>
        <source>Choose a PDF…</source>
        <translation>选择 PDF…</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>No file checked yet.</source>
        <translation>尚未核验文件。</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>Cannot check this file</source>
        <translation>无法核验此文件</translation>
    </message>
    <message>
        <source>Valid: authentic and unaltered</source>
        <translation>有效：真实且未被篡改</translation>
    </message>
    <message>
        <source>TAMPERED: changed after signing</source>
        <translation>已被篡改：签名后内容被改动</translation>
    </message>
    <message>
        <source>Not valid</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>Without a signature nothing proves who issued it or that it is unaltered</source>
        <translation>没有数字签名，无法证明签发人及内容未被改动</translation>
    </message>
    <message>
        <source>A re-inspection record of notice %1</source>
        <translation>通知书 %1 的复查记录</translation>
    </message>
    <message>
        <source>A CivicAudit notice, number %1</source>
        <translation>创城巡检整改通知书，编号 %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Not a CivicAudit notice (no notice number or fingerprint)</source>
        <translation>不是创城巡检通知书（无编号或文档指纹）</translation>
    </message>
    <message>
        <source>Digitally signed</source>
        <translation>已数字签名</translation>
    </message>
    <message>
        <source>Not digitally signed</source>
        <translation>未数字签名</translation>
    </message>
    <message>
        <source>Intact: the signed content is unchanged</source>
        <translation>完整：签名内容未被改动</translation>
    </message>
    <message>
        <source>Not intact: the signed content was changed</source>
        <translation>不完整：签名内容已被改动</translation>
    </message>
    <message>
        <source>Nothing was added after signing</source>
        <translation>签名后未追加内容</translation>
    </message>
    <message>
        <source>Content was added after signing</source>
        <translation>签名后被追加了内容</translation>
    </message>
    <message>
        <source>Signed once, as CivicAudit signs it</source>
        <translation>仅签名一次，与本程序签发时一致</translation>
    </message>
    <message>
        <source>%1 signatures: CivicAudit signs a document once</source>
        <translation>共有 %1 个签名：本程序对一份文件只签名一次</translation>
    </message>
    <message>
        <source>Saved more often than CivicAudit saves it: someone else changed the file</source>
        <translation>文件修订次数多于本程序写入的次数：已被他人改动</translation>
    </message>
    <message>
        <source>Not a notice, so there is no auditor to match the signer to</source>
        <translation>不是整改通知书，无法核对签名人是否为签发检查人员</translation>
    </message>
    <message>
        <source>The notice does not name its auditor, so the signer cannot be matched</source>
        <translation>通知书未注明签发检查人员，无法核对签名人</translation>
    </message>
    <message>
        <source>The signer is the auditor the notice names (staff no. %1)</source>
        <translation>签名人即通知书所载检查人员（工号 %1）</translation>
    </message>
    <message>
        <source>The signer is not the auditor the notice names (staff no. %1)</source>
        <translation>签名人不是通知书所载检查人员（工号 %1）</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Signed by %1 (staff no. %2), certificate serial %3, at %4</source>
        <translation>签名人 %1（工号 %2），证书序列号 %3，签名时间 %4</translation>
    </message>
    <message>
        <source>The certificate chains to a trusted office authority</source>
        <translation>证书由受信任的创城办证书中心签发</translation>
    </message>
    <message>
        <source>The certificate does not chain to a trusted office authority</source>
        <translation>证书不是由受信任的创城办证书中心签发</translation>
    </message>
    <message>
        <source>The certificate was revoked on %1</source>
        <translation>该证书已于 %1 被吊销</translation>
    </message>
    <message>
        <source>The certificate has been revoked</source>
        <translation>证书已被吊销</translation>
    </message>
    <message>
        <source>The certificate was revoked on %1, after this computer recorded the notice on %2: the notice stays valid</source>
        <translation>该证书于 %1 被吊销，本机在此之前（%2）已登记该通知书：通知书仍然有效</translation>
    </message>
    <message>
        <source>The certificate is not revoked</source>
        <translation>证书未被吊销</translation>
    </message>
    <message>
        <source>No local record of this notice</source>
        <translation>本机没有该通知书的记录</translation>
    </message>
    <message>
        <source>The fingerprint could not be compared with the local record</source>
        <translation>无法与本机记录比对文档指纹</translation>
    </message>
    <message>
        <source>Fingerprint %1 matches the local record</source>
        <translation>文档指纹 %1 与本机记录一致</translation>
    </message>
    <message>
        <source>Fingerprint %1 does not match the local record</source>
        <translation>文档指纹 %1 与本机记录不一致</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Choose a notice PDF</source>
        <translation>选择通知书 PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf *.PDF)</source>
        <translation>PDF 文档 (*.pdf *.PDF)</translation>
    </message>
    <message>
        <source>Choose a folder of notice PDFs</source>
        <translation>选择存放通知书 PDF 的文件夹</translation>
    </message>
</context>
<context>
    <name>VerifyResultModel</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Notice number</source>
        <translation>通知书编号</translation>
    </message>
    <message>
        <source>First problem</source>
        <translation>首个问题</translation>
    </message>
</context>
<context>
    <name>WeakCriteriaChart</name>
    <message>
        <source>Weakest criteria</source>
        <translation>薄弱指标</translation>
    </message>
    <message>
        <source>Double-click a bar, or choose one with the arrow keys and press Enter, to see its findings</source>
        <translation>双击柱条，或用方向键选中后按回车，查看相关问题</translation>
    </message>
    <message>
        <source>Weakest criteria (failed checks)</source>
        <translation>薄弱指标（不符合次数）</translation>
    </message>
    <message>
        <source>Failed checks</source>
        <translation>不符合次数</translation>
    </message>
    <message>
        <source> (fail rate %1)</source>
        <translation>（不符合率 %1）</translation>
    </message>
    <message>
        <source>%1 %2
Failed %3 of %4 checks, %5 problems</source>
        <translation>%1 %2
检查 %4 次，不符合 %3 次，问题 %5 处</translation>
    </message>
</context>
<context>
    <name>_CrashHandler</name>
    <message>
        <source>CivicAudit</source>
        <translation>创城巡检</translation>
    </message>
</context>
</TS>
