"""Makes the binary plans of the corpus from the text written here and in *.src.txt.

    pip install python-docx openpyxl
    python3 tests/data/plans/make.py

Writes education.txt (GBK, Windows "ANSI"), transport.txt (UTF-16LE with BOM, Windows
"Unicode"), ecology.txt (GB18030), culture-numbered.docx (headings numbered by Word's
automatic numbering), city-tasks.docx (a task table with merged heading rows) and
district-tasks.xlsx (a task table with a merged title and merged 类别 cells). The expected
reading of each is in its .expect file, written by hand.
"""

import datetime
import os

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from openpyxl import Workbook

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def encode(src, dst, encoding, bom=b""):
    with open(path(src), encoding="utf-8") as f:
        text = f.read()
    with open(path(dst), "wb") as f:
        f.write(bom + text.replace("\n", "\r\n").encode(encoding))


NUMBERING = (
    '<w:abstractNum %s w:abstractNumId="90">'
    '<w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="%%1、"/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="（%%2）"/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%%3."/><w:lvlJc w:val="left"/></w:lvl>'
    "</w:abstractNum>" % nsdecls("w")
)


def numbered(doc, text, level):
    p = doc.add_paragraph()
    p.add_run(text)
    ppr = p._p.get_or_add_pPr()
    ppr.append(
        parse_xml(
            '<w:numPr %s><w:ilvl w:val="%d"/><w:numId w:val="90"/></w:numPr>'
            % (nsdecls("w"), level)
        )
    )
    return p


def culture_docx():
    doc = Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(
        parse_xml(
            '<w:num %s w:numId="90"><w:abstractNumId w:val="90"/></w:num>' % nsdecls("w")
        )
    )
    doc.add_paragraph("某县文化和旅游局文件")
    doc.add_paragraph("某文旅发〔2025〕1号")
    doc.add_paragraph("某县文化和旅游局2025年工作要点")
    doc.add_paragraph("2025年，全县文化和旅游工作要坚持以文塑旅、以旅彰文。")
    numbered(doc, "繁荣文化事业", 0)
    numbered(doc, "完善公共文化服务", 1)
    p = numbered(doc, "新建城市书房", 2)
    p.add_run("6个，")
    p.add_run("改造提升乡镇综合文化站12个。（责任股室：公共服务股）")
    numbered(doc, "全年开展送戏下乡演出300场，其中进社区演出不少于100场。（牵头股室：艺术股；配合股室：县文化馆）", 2)
    numbered(doc, "保护文化遗产", 1)
    numbered(doc, "完成不可移动文物保护修缮项目5处，制定《县级非物质文化遗产保护办法》，9月底前印发。（责任股室：文物保护股）", 2)
    numbered(doc, "推动旅游发展", 0)
    numbered(doc, "全年接待游客达到800万人次，旅游总收入增长10%以上。（牵头股室：产业发展股；配合股室：市场管理股、县旅游服务中心）", 2)
    numbered(doc, "创建国家AAAA级旅游景区1家，培育乡村旅游重点村两个。（责任股室：资源开发股）", 2)
    numbered(doc, "旅游投诉按时办结率保持100%，重大安全事故控制在0起。（责任股室：市场管理股）", 2)
    doc.add_paragraph("")
    doc.add_paragraph("某县文化和旅游局")
    doc.add_paragraph("2025年1月20日")
    doc.save(path("culture-numbered.docx"))


def merge_row(table, r, text):
    row = table.rows[r]
    a, b = row.cells[0], row.cells[len(row.cells) - 1]
    m = a.merge(b)
    m.text = text


def city_docx():
    doc = Document()
    doc.add_paragraph("某市人民政府办公室")
    doc.add_paragraph("关于印发某市2025年重点工作任务清单的通知")
    doc.add_paragraph("各县（市、区）人民政府，市政府各部门：")
    doc.add_paragraph("现将《某市2025年重点工作任务清单》印发给你们，请认真贯彻执行。")
    doc.add_paragraph("某市2025年重点工作任务清单")
    rows = [
        ("序号", "重点任务", "具体目标", "牵头单位", "配合单位", "完成时限"),
        ("一、项目建设",),
        ("1", "推进重大项目建设", "全年实施市级重点项目200个，完成投资500亿元。", "市发展改革委", "市自然资源局、市住房城乡建设局", "2025年12月底前"),
        ("2", "建设保障性住房", "筹集保障性租赁住房3000套，开工改造城镇老旧小区80个。", "市住房城乡建设局", "各县（市、区）政府（管委会）", "10月底前"),
        ("二、民生保障",),
        ("3", "稳定和扩大就业", "城镇新增就业4.5万人，城镇调查失业率控制在5.5%以内。", "市人力资源社会保障局", "市财政局", "全年"),
        ("4", "提升养老服务", "新建社区养老服务中心25个，养老机构护理型床位占比达到60%。", "市民政局", "市卫生健康委等", "2025年9月30日"),
        ("5", "办好人民满意教育", "新建改扩建中小学校12所，出台《校园安全管理规定》。", "市教育局", "", "长期坚持"),
        ("三、生态环境",),
        ("6", "改善生态环境质量", "森林覆盖率达到42%，城市生活垃圾回收利用率达35%以上。", "市林业局（牵头）、市城市管理局", "市生态环境局", "6月30日前"),
    ]
    table = doc.add_table(rows=len(rows), cols=6)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        if len(row) == 1:
            merge_row(table, r, row[0])
            continue
        for c, text in enumerate(row):
            table.rows[r].cells[c].text = text
    doc.save(path("city-tasks.docx"))


def district_xlsx():
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分解"
    ws.append(["某某区2025年重点工作任务分解表"])
    ws.merge_cells("A1:H1")
    ws.append(["序号", "类别", "工作任务", "工作措施", "责任单位", "协办单位", "时间节点", "责任领导"])
    data = [
        (1, "经济发展", "扩大有效投资", "完成固定资产投资80亿元，新签约亿元以上项目25个。", "区发展改革局", "区投资促进中心", "2025年9月底前", "张三"),
        (2, None, "壮大实体经济", "新增规模以上工业企业15家，规上工业增加值增长7%左右。", "区工业和信息化局", "区统计局、各街道办事处", "全年", "李四"),
        (3, None, "促进消费升级", "社会消费品零售总额增长6%，举办促消费活动不少于20场。", "区商务局", "", "6月30日前", "王五"),
        (4, "社会事业", "建设健康城区", "新建社区卫生服务站8个，每千人口执业医师数达到3.2人。", "区卫生健康局", "区财政局", datetime.date(2025, 11, 30), "赵六"),
        (5, None, "加强社会救助", "城乡低保标准提高到每人每月800元，困难群众救助覆盖率保持100%。", "区民政局", "", "长期坚持", "钱七"),
        (6, None, "推进平安建设", "刑事案件发案数下降5%，安全生产事故起数控制在10起以内。", "区公安分局、区应急管理局", "各街道办事处", "12月", "孙八"),
    ]
    for row in data:
        ws.append(list(row))
    ws.merge_cells("B3:B5")
    ws.merge_cells("B6:B8")
    ws["G6"].number_format = "yyyy-mm-dd"
    wb.save(path("district-tasks.xlsx"))


if __name__ == "__main__":
    encode("education.src.txt", "education.txt", "gbk")
    encode("transport.src.txt", "transport.txt", "utf-16-le", b"\xff\xfe")
    encode("ecology.src.txt", "ecology.txt", "gb18030")
    culture_docx()
    city_docx()
    district_xlsx()
