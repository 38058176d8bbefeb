<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>InspectionTableModel</name>
    <message>
        <source>Site</source>
        <translation>点位</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>督查员</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Pass rate</source>
        <translation>符合率</translation>
    </message>
    <message>
        <source>Score rate</source>
        <translation>得分率</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>不符合项</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>CivicAudit</source>
        <translation>创城巡检</translation>
    </message>
    <message>
        <source>Search site, district or auditor (Ctrl+F)</source>
        <translation>搜索点位、区县或督查员（Ctrl+F）</translation>
    </message>
    <message>
        <source>No inspections yet. Load the demo city from the File menu to look around.</source>
        <translation>还没有检查记录。可从“文件”菜单载入示例城市先看一看。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Load &amp;demo city</source>
        <translation>载入示例城市(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
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
        <source>&amp;About CivicAudit</source>
        <translation>关于创城巡检(&amp;A)</translation>
    </message>
    <message numerus="yes">
        <source>%n site(s)</source>
        <translation>
            <numerusform>%n 个点位</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n inspection(s)</source>
        <translation>
            <numerusform>%n 次检查</numerusform>
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
        <source>About CivicAudit</source>
        <translation>关于创城巡检</translation>
    </message>
    <message>
        <source>%1 %2 — offline field audits for the National Civilized City assessment.</source>
        <translation>%1 %2 —— 全国文明城市测评实地督查离线工具。</translation>
    </message>
</context>
</TS>
