<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ControlPanel</name>
    <message>
        <source>Functions</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Draw each function (solid line)</source>
        <translation>绘制每个函数（实线）</translation>
    </message>
    <message>
        <source>Draw each first derivative (dashed line)</source>
        <translation>绘制每个一阶导数（虚线）</translation>
    </message>
    <message>
        <source>Draw each second derivative (dotted line)</source>
        <translation>绘制每个二阶导数（点线）</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>显示 %1</translation>
    </message>
    <message>
        <source>Mark kinks and jumps</source>
        <translation>标记折点和跳变</translation>
    </message>
    <message>
        <source>Dots where a shown curve has a kink or jump; hover one for its exact value</source>
        <translation>在所显示曲线的折点或跳变处画点；鼠标悬停可查看精确值</translation>
    </message>
    <message>
        <source>Shade vanishing gradient</source>
        <translation>阴影标出梯度消失区</translation>
    </message>
    <message>
        <source>Shade where |f′(x)| &lt; ε for the selected function</source>
        <translation>为所选函数阴影标出 |f′(x)| &lt; ε 的区域</translation>
    </message>
    <message>
        <source>Gradient magnitude counted as vanishing</source>
        <translation>视为梯度消失的梯度幅值</translation>
    </message>
    <message>
        <source>Compute in</source>
        <translation>计算格式</translation>
    </message>
    <message>
        <source>float64 (exact)</source>
        <translation>float64（精确）</translation>
    </message>
    <message>
        <source>Draw the curves as a kernel computes them in this number format: the input rounded to it and every operation too (zoom in to see the steps); the readout shows that value beside the exact one</source>
        <translation>按此数值格式下的计算核绘制曲线：输入先舍入到该格式，每一步运算也舍入（放大可看到台阶）；读数在精确值旁显示该格式下的值</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>x from</source>
        <translation>x 起点</translation>
    </message>
    <message>
        <source>x to</source>
        <translation>x 终点</translation>
    </message>
    <message>
        <source>y from</source>
        <translation>y 起点</translation>
    </message>
    <message>
        <source>y to</source>
        <translation>y 终点</translation>
    </message>
    <message>
        <source>The y-range must go from a smaller to a clearly larger number.</source>
        <translation>y 范围必须从较小的数到明显更大的数。</translation>
    </message>
    <message>
        <source>Left and right end of the plotted x-interval</source>
        <translation>绘图 x 区间的左右端点</translation>
    </message>
    <message>
        <source>Bottom and top of the plotted y-interval; editing one turns Auto off</source>
        <translation>绘图 y 区间的下端和上端；编辑其中一个会关闭“自动”</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Fit y to the shown curves. Off: y stays where it is while parameters change (a pan or zoom by hand turns it off)</source>
        <translation>让 y 适应所显示的曲线。关闭时，参数改变时 y 保持不动（手动平移或缩放会关闭此项）</translation>
    </message>
    <message>
        <source>The x-range must go from a smaller to a larger number, within ±1e6.</source>
        <translation>x 范围必须从较小的数到较大的数，且在 ±1e6 之内。</translation>
    </message>
</context>
<context>
    <name>CopyTable</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>does not exist</source>
        <translation>不存在</translation>
    </message>
</context>
<context>
    <name>CustomDialog</name>
    <message>
        <source>Edit Custom Activation</source>
        <extracomment>The preview&apos;s x-range and samples. Kinks listed under the formula (the rest counted). Quiet time after a key press before the formula is checked again. The definition checked (its ranges those of ``names`` only). The formula&apos;s parameters, in order ([] if it could not be read). The function, or None if refused (``message`` says why: in English, a :class:`~actgui.text.messages.Message` translated when it is shown). f′ as text, and where f overflows in floats although it is finite. The preview&apos;s samples and f, f′, f″ on them (computed here too: a formula with kinks everywhere took 80 ms to evaluate on the GUI thread). Its kinks at the defaults, as the info line lists them.</extracomment>
        <translation>编辑自定义激活函数</translation>
    </message>
    <message>
        <source>New Custom Activation</source>
        <translation>新建自定义激活函数</translation>
    </message>
    <message>
        <source>e.g. My Swish</source>
        <extracomment>The curves of the last function that passed (kept while a range is retyped). The last check&apos;s result (None while one runs, or before the first).</extracomment>
        <translation>例如 My Swish</translation>
    </message>
    <message>
        <source>The name shown in the panels and the legend</source>
        <translation>在面板和图例中显示的名称</translation>
    </message>
    <message>
        <source>A formula in x; other names become parameters</source>
        <translation>关于 x 的公式；其他名称都成为参数</translation>
    </message>
    <message>
        <source>Numbers, x, + − * / ** and %1; where(x &gt; 0, a, b) for pieces (at equality it takes b); the built-in functions by key, e.g. gelu(x). Any other name is a parameter (default 1, range ±100).</source>
        <translation>可用数字、x、+ − * / ** 以及 %1；分段用 where(x &gt; 0, a, b)（相等时取 b）；内置函数按键名调用，例如 gelu(x)。其他名称都是参数（默认 1，范围 ±100）。</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Each parameter&apos;s range and default: type a number</source>
        <translation>每个参数的范围和默认值：请输入数字</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>f(x) =</source>
        <translation>f(x) =</translation>
    </message>
    <message>
        <source>%1: type numbers for its range</source>
        <translation>%1：请为其范围输入数字</translation>
    </message>
    <message>
        <source>Type a formula in x.</source>
        <translation>请输入关于 x 的公式。</translation>
    </message>
    <message>
        <source>Give it a name.</source>
        <translation>请为它命名。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>… %1 in all</source>
        <translation>… 共 %1 个</translation>
    </message>
    <message>
        <source>Key: %1 · parameters: %2 · kinks: %3 · f′(x) = %4</source>
        <translation>键名：%1 · 参数：%2 · 折点：%3 · f′(x) = %4</translation>
    </message>
    <message>
        <source>Warning: in floating point f overflows at x = %1, where its exact value is finite; rewrite the formula (e.g. softplus(x) for log(1 + exp(x))).</source>
        <translation>警告：在浮点运算中 f 在 x = %1 处溢出，而其精确值是有限的；请改写公式（例如用 softplus(x) 代替 log(1 + exp(x))）。</translation>
    </message>
</context>
<context>
    <name>CustomFunctions</name>
    <message>
        <source>&amp;New Custom Activation…</source>
        <extracomment>The dialog&apos;s checks run here (it outlives a dialog deleted while one runs). Your own functions&apos; properties (and kinks) are measured here, not at start-up: on a pool of its own (50 of them take seconds; the dialog&apos;s checks, an import and the analysis views&apos; numbers do not wait behind them). Import… reads and builds there.</extracomment>
        <translation>新建自定义激活函数(&amp;N)…</translation>
    </message>
    <message>
        <source>Type a formula in x: a function of your own, with exact derivatives</source>
        <translation>输入关于 x 的公式：你自己的函数，导数精确</translation>
    </message>
    <message>
        <source>&amp;Edit Custom Activation…</source>
        <translation>编辑自定义激活函数(&amp;E)…</translation>
    </message>
    <message>
        <source>Change the selected function of your own</source>
        <translation>修改所选的自定义函数</translation>
    </message>
    <message>
        <source>D&amp;uplicate Custom Activation</source>
        <translation>复制自定义激活函数(&amp;U)</translation>
    </message>
    <message>
        <source>A copy of the selected function of your own, to vary</source>
        <translation>复制所选的自定义函数，以便修改</translation>
    </message>
    <message>
        <source>&amp;Delete Custom Activation…</source>
        <translation>删除自定义激活函数(&amp;D)…</translation>
    </message>
    <message>
        <source>Remove the selected function of your own</source>
        <translation>删除所选的自定义函数</translation>
    </message>
    <message>
        <source>&amp;Import Custom Activations…</source>
        <translation>导入自定义激活函数(&amp;I)…</translation>
    </message>
    <message>
        <source>Add functions of your own from a JSON file</source>
        <translation>从 JSON 文件添加自定义函数</translation>
    </message>
    <message>
        <source>E&amp;xport Custom Activations…</source>
        <translation>导出自定义激活函数(&amp;X)…</translation>
    </message>
    <message>
        <source>Save your own functions to a JSON file</source>
        <translation>把自定义函数保存到 JSON 文件</translation>
    </message>
    <message>
        <source>Delete Custom Activation</source>
        <translation>删除自定义激活函数</translation>
    </message>
    <message>
        <source>Delete %1? Its formula is lost unless you exported it.</source>
        <translation>删除 %1？除非已导出，否则其公式将丢失。</translation>
    </message>
    <message>
        <source>Custom Activation</source>
        <translation>自定义激活函数</translation>
    </message>
    <message>
        <source>Import Custom Activations</source>
        <translation>导入自定义激活函数</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>Added %1 function(s).</source>
        <translation>已添加 %1 个函数。</translation>
    </message>
    <message>
        <source>Skipped:</source>
        <translation>已跳过：</translation>
    </message>
    <message>
        <source>Export Custom Activations</source>
        <translation>导出自定义激活函数</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>DepthView</name>
    <message>
        <source>Variance q (forward)</source>
        <translation>方差 q（前向）</translation>
    </message>
    <message>
        <source>Correlation of two inputs</source>
        <translation>两个输入的相关性</translation>
    </message>
    <message>
        <source>Dead units</source>
        <translation>死亡单元</translation>
    </message>
    <message>
        <source>depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Check with a random network:</source>
        <translation>用随机网络验证：</translation>
    </message>
    <message>
        <source>Build a real network of the selected function at initialisation, run inputs forward and a gradient back, and mark what it measures over the theory</source>
        <translation>用所选函数构建一个处于初始化状态的真实网络，前向传入输入、反向传回梯度，并把实测结果标在理论曲线上</translation>
    </message>
    <message>
        <source>Units per layer of the simulated network (up to 2000)</source>
        <translation>模拟网络每层的单元数（最多 2000）</translation>
    </message>
    <message>
        <source>Inputs pushed through it at once</source>
        <translation>一次送入网络的输入数</translation>
    </message>
    <message>
        <source>The seed of its random weights: the same seed, the same network</source>
        <translation>随机权重的种子：种子相同，网络就相同</translation>
    </message>
    <message>
        <source>width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>inputs</source>
        <translation>输入数</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Through depth</source>
        <translation>穿过深度</translation>
    </message>
    <message>
        <source>Phase diagram: χ₁ over σ_w and σ_b</source>
        <translation>相图：χ₁ 随 σ_w 和 σ_b 的变化</translation>
    </message>
    <message>
        <source>layers back from the output</source>
        <translation>距输出层的层数</translation>
    </message>
    <message>
        <source>%1: computing…</source>
        <translation>%1：计算中…</translation>
    </message>
    <message>
        <source>%1, random network (width %2)</source>
        <translation>%1，随机网络（宽度 %2）</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>correlation of two inputs</source>
        <translation>两个输入的相关系数</translation>
    </message>
    <message>
        <source>fraction of dead units</source>
        <translation>死亡单元比例</translation>
    </message>
    <message>
        <source>Gradient norm² ÷ output&apos;s (backward)</source>
        <extracomment>What the depth plot shows: (key, log y). Quiet time after the last change before a worker computation starts (a drag of α starts one run, not one per step). How far toward the background a line computed for other inputs is drawn, while the worker computes the present ones. Where χ₁ and q* come from (a function of your own&apos;s: from a worker).</extracomment>
        <translation>梯度范数² ÷ 输出层的值（反向）</translation>
    </message>
    <message>
        <source>gradient² ÷ output&apos;s</source>
        <translation>梯度² ÷ 输出层的值</translation>
    </message>
    <message>
        <source>variance q</source>
        <translation>方差 q</translation>
    </message>
    <message>
        <source>Could not compute: %1</source>
        <translation>无法计算：%1</translation>
    </message>
    <message>
        <source>Enable a function to see how signals pass through depth.</source>
        <translation>启用一个函数，即可查看信号如何逐层传播。</translation>
    </message>
    <message>
        <source>ordered: gradients shrink by χ₁ per layer</source>
        <translation>有序相：梯度每层按 χ₁ 倍缩小</translation>
    </message>
    <message>
        <source>critical: gradients keep their size</source>
        <translation>临界：梯度大小保持不变</translation>
    </message>
    <message>
        <source>chaotic: gradients grow by χ₁ per layer</source>
        <translation>混沌相：梯度每层按 χ₁ 倍增大</translation>
    </message>
    <message>
        <source>unbounded: every input grows without limit</source>
        <translation>无界：每个输入都无限增长</translation>
    </message>
    <message>
        <source>%1 at σ_w = %2, σ_b = %3: q* = %4, χ₁ = %5 (%6); c* = %7, depth scale ξ_c = %8.</source>
        <translation>%1 在 σ_w = %2、σ_b = %3 时：q* = %4，χ₁ = %5（%6）；c* = %7，深度尺度 ξ_c = %8。</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>for x → −∞</source>
        <translation>x → −∞ 时</translation>
    </message>
    <message>
        <source>for x → +∞</source>
        <translation>x → +∞ 时</translation>
    </message>
    <message>
        <source>both sides</source>
        <translation>两侧</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 Range [%2, %3], default %4.</source>
        <translation>%1 范围 [%2, %3]，默认 %4。</translation>
    </message>
    <message>
        <source>%1 at the current parameters</source>
        <translation>%1（当前参数下）</translation>
    </message>
    <message>
        <source>Kink at</source>
        <extracomment>The kinks row&apos;s label, followed by &quot;x = 0&quot; (one kink), &quot;x = −1, 1&quot; (several) or &quot;none&quot;.</extracomment>
        <translation>折点位于</translation>
    </message>
    <message>
        <source>Kinks at</source>
        <translation>折点位于</translation>
    </message>
    <message>
        <source>Kinks:</source>
        <translation>折点：</translation>
    </message>
    <message>
        <source>Jump in %1 at</source>
        <extracomment>A jumps row&apos;s label, followed by &quot;x = 20&quot; or &quot;x = −1, 1&quot;; %1 is f, f′ or f″ (the lowest order that jumps there).</extracomment>
        <translation>%1 的跳变位于</translation>
    </message>
    <message>
        <source>Jumps in %1 at</source>
        <translation>%1 的跳变位于</translation>
    </message>
    <message>
        <source>Jumps in f, f′, f″:</source>
        <translation>f、f′、f″ 的跳变：</translation>
    </message>
    <message>
        <source>PyTorch switches to f(x) = x where βx &gt; threshold (x &gt; %1 here), leaving a jump of about %2 in f and %3 in f′ at x = %1: hence the kink and C⁰, though softplus itself is smooth.</source>
        <extracomment>Softplus: %1 is threshold/β, %2 and %3 the sizes of the jumps in f and f′ there.</extracomment>
        <translation>PyTorch 在 βx &gt; threshold 处（此处为 x &gt; %1）改用 f(x) = x，在 x = %1 处留下 f 约 %2、f′ 约 %3 的跳变：折点和 C⁰ 由此而来，尽管 softplus 本身是光滑的。</translation>
    </message>
    <message>
        <source>Output range</source>
        <translation>值域</translation>
    </message>
    <message>
        <source>Monotonic (non-decreasing)</source>
        <translation>单调（不减）</translation>
    </message>
    <message>
        <source>Smoothness</source>
        <translation>光滑性</translation>
    </message>
    <message>
        <source>Zero-centred (f(0) = 0, both signs)</source>
        <translation>零中心（f(0) = 0，取正负两种值）</translation>
    </message>
    <message>
        <source>Bounded below / above</source>
        <translation>下有界 / 上有界</translation>
    </message>
    <message>
        <source>Saturates (f′ → 0)</source>
        <translation>饱和（f′ → 0）</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>出处：</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>性质</translation>
    </message>
    <message>
        <source>(at default parameters)</source>
        <translation>（默认参数下）</translation>
    </message>
    <message>
        <source>Principle</source>
        <translation>原理</translation>
    </message>
    <message>
        <source>Advantages</source>
        <translation>优点</translation>
    </message>
    <message>
        <source>Drawbacks</source>
        <translation>缺点</translation>
    </message>
    <message>
        <source>Typical use</source>
        <translation>典型用途</translation>
    </message>
    <message>
        <source>Formulas and properties</source>
        <extracomment>Sentences with numbers at most (``text.network``). A link to an analysis view was clicked: ``panels.labs.VIEWS`` name, and for the depth view the quantity after a colon (&quot;depth:gradient&quot;).</extracomment>
        <translation>公式与性质</translation>
    </message>
    <message>
        <source>Click a function&apos;s name to see its formulas and properties.</source>
        <translation>点击函数名称以查看其公式和性质。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG vector image (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Nothing to export: no curve is shown.</source>
        <translation>没有可导出的内容：当前没有显示任何曲线。</translation>
    </message>
    <message>
        <source>Nothing to export: the table is empty.</source>
        <translation>没有可导出的内容：表格为空。</translation>
    </message>
    <message>
        <source>The %1 file &apos;%2&apos; could not be written completely (is the disk full?).</source>
        <translation>%1 文件“%2”未能完整写入（磁盘已满？）。</translation>
    </message>
    <message>
        <source>Cannot export to &apos;%1&apos;: use one of %2.</source>
        <translation>无法导出到“%1”：请使用 %2 之一。</translation>
    </message>
    <message>
        <source>An image of %1×%2 pixels is too large (at most %3 million); choose a smaller scale.</source>
        <translation>%1×%2 像素的图像过大（最多 %3 百万像素）；请选择较小的缩放。</translation>
    </message>
    <message>
        <source>Cannot export to &apos;%1&apos;: the folder %2 does not exist.</source>
        <translation>无法导出到“%1”：文件夹 %2 不存在。</translation>
    </message>
    <message>
        <source>Cannot write to the folder %1: %2.</source>
        <translation>无法写入文件夹 %1：%2。</translation>
    </message>
    <message>
        <source>Cannot write &apos;%1&apos;: %2.</source>
        <translation>无法写入“%1”：%2。</translation>
    </message>
    <message>
        <source>Could not render or save the PNG image (&apos;%1&apos;).</source>
        <translation>无法渲染或保存 PNG 图像（“%1”）。</translation>
    </message>
    <message>
        <source>Could not start writing the %1 file (&apos;%2&apos;).</source>
        <extracomment>Evenly spaced rows of a CSV export across the visible x-range (kinks come on top).</extracomment>
        <translation>无法开始写入 %1 文件（“%2”）。</translation>
    </message>
    <message>
        <source>Nothing was written to the %1 file (&apos;%2&apos;).</source>
        <translation>%1 文件（“%2”）中没有写入任何内容。</translation>
    </message>
</context>
<context>
    <name>ExportDialogs</name>
    <message>
        <source>Replace file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 已存在。要替换它吗？</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Export Image</source>
        <translation>导出图像</translation>
    </message>
    <message>
        <source>Export Data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <source>Some numbers are still being computed. Export them once the view shows them all.</source>
        <translation>部分数值仍在计算中。请在视图全部显示后再导出。</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <source>Copy failed</source>
        <translation>复制失败</translation>
    </message>
    <message>
        <source>Plot copied to the clipboard</source>
        <translation>图已复制到剪贴板</translation>
    </message>
</context>
<context>
    <name>FamilySection</name>
    <message>
        <source>Show or hide the functions of this family</source>
        <extracomment>Most decimals a spinbox grows to so that it shows the model&apos;s value exactly (1/3, RReLU&apos;s default upper bound, needs 16). Most positions a parameter slider has (one per last shown decimal, up to this).</extracomment>
        <translation>显示或隐藏这一类的函数</translation>
    </message>
</context>
<context>
    <name>FunctionPanel</name>
    <message>
        <source>Filter by name or key…</source>
        <translation>按名称或键筛选…</translation>
    </message>
    <message>
        <source>Show only functions whose name or key contains this</source>
        <translation>只显示名称或键包含此文字的函数</translation>
    </message>
    <message>
        <source>Clear all</source>
        <translation>全部清除</translation>
    </message>
    <message>
        <source>Hide every function</source>
        <translation>隐藏所有函数</translation>
    </message>
    <message>
        <source>Six classics</source>
        <translation>经典六种</translation>
    </message>
    <message>
        <source>Show the six classic functions: %1. They are also the ones shown at start-up.</source>
        <translation>显示六个经典函数：%1。启动时显示的也是它们。</translation>
    </message>
    <message>
        <source>Show %1 (%2): %3</source>
        <translation>显示 %1（%2）：%3</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>出处：%1</translation>
    </message>
    <message>
        <source>Show formulas and properties of %1</source>
        <translation>显示 %1 的公式和性质</translation>
    </message>
</context>
<context>
    <name>GainsView</name>
    <message>
        <source>gains</source>
        <extracomment>Fields of InitGains, in the table&apos;s order. Where the numbers come from (a function of your own&apos;s: from a worker).</extracomment>
        <translation>增益</translation>
    </message>
    <message>
        <source>std = gain / √fan_in</source>
        <translation>std = 增益 / √fan_in</translation>
    </message>
    <message>
        <source>Inputs per unit of the layer being initialised</source>
        <translation>待初始化层中每个单元的输入数</translation>
    </message>
    <message>
        <source>Copy Table</source>
        <translation>复制表格</translation>
    </message>
    <message>
        <source>Copy the whole table, every digit, as tab-separated text</source>
        <translation>将整张表格（保留全部位数）复制为制表符分隔的文本</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>fan_in</source>
        <translation>fan_in</translation>
    </message>
    <message>
        <source>Init gains</source>
        <translation>初始化增益</translation>
    </message>
    <message>
        <source>Forward: keeps E[x²] of a layer&apos;s input from layer to layer, 1/√E[f(z)²]. Backward: keeps the gradient&apos;s size, 1/√E[f′(z)²] (z ~ N(0, 1) for both). Edge of chaos: σ_w with χ₁ = 1 at σ_b = 0, the deepest trainable scale (none for saturating functions that never reach it). PyTorch: torch.nn.init.calculate_gain, only for the functions it knows; it mixes definitions (tanh&apos;s 5/3, SELU&apos;s empirical 3/4). kaiming_normal_-style initialisation draws weights N(0, std²) with std = gain / √fan_in.</source>
        <translation>前向：使每层输入的 E[x²] 逐层保持不变，为 1/√E[f(z)²]。反向：使梯度大小保持不变，为 1/√E[f′(z)²]（两者均取 z ~ N(0, 1)）。混沌边缘：σ_b = 0 时使 χ₁ = 1 的 σ_w，即可训练深度最大的尺度（对永远达不到它的饱和函数则不存在）。PyTorch：torch.nn.init.calculate_gain，只适用于它所支持的函数；它混用了不同的定义（tanh 的 5/3、SELU 的经验值 3/4）。kaiming_normal_ 式的初始化从 N(0, std²) 中抽取权重，其中 std = 增益 / √fan_in。</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>std, forward gain</source>
        <translation>std，前向增益</translation>
    </message>
    <message>
        <source>std, backward gain</source>
        <translation>std，反向增益</translation>
    </message>
    <message>
        <source>std, edge of chaos</source>
        <translation>std，混沌边缘</translation>
    </message>
    <message>
        <source>std, PyTorch gain</source>
        <translation>std，PyTorch 增益</translation>
    </message>
    <message>
        <source>Forward 1/√E[f(z)²]</source>
        <translation>前向 1/√E[f(z)²]</translation>
    </message>
    <message>
        <source>Backward 1/√E[f′(z)²]</source>
        <translation>反向 1/√E[f′(z)²]</translation>
    </message>
    <message>
        <source>Edge of chaos σ_w (σ_b = 0)</source>
        <translation>混沌边缘 σ_w（σ_b = 0）</translation>
    </message>
    <message>
        <source>PyTorch calculate_gain</source>
        <translation>PyTorch calculate_gain</translation>
    </message>
</context>
<context>
    <name>LabPanel</name>
    <message>
        <source>Statistics</source>
        <extracomment>Shortest time between two refreshes while changes keep coming (at most 25 a second). Tab names, in order (``LabPanel.show_view`` takes them; so do the details&apos; links). A view shown (its name in ``VIEWS``). The user asked to export a plot (its name in ``all_plots()``) as an image. The user asked to export a table (``stats``, ``depth``, ``phase``, ``gains``, ``train``) as CSV. Statistics, χ₁ and gains of functions of your own, computed on a worker.</extracomment>
        <translation>统计</translation>
    </message>
    <message>
        <source>Through depth</source>
        <translation>逐层传播</translation>
    </message>
    <message>
        <source>Init gains</source>
        <translation>初始化增益</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>数值精度</translation>
    </message>
    <message>
        <source>Jacobian spectrum</source>
        <translation>雅可比谱</translation>
    </message>
    <message>
        <source>What f does to a Gaussian input: moments, dead outputs and gradients</source>
        <translation>f 对高斯输入的作用：矩、死亡输出与梯度</translation>
    </message>
    <message>
        <source>How signals and gradients pass through a deep random network</source>
        <translation>信号和梯度如何穿过深层随机网络</translation>
    </message>
    <message>
        <source>Weight scales that keep signals or gradients steady</source>
        <translation>使信号或梯度保持稳定的权重尺度</translation>
    </message>
    <message>
        <source>Train a small network with each activation, side by side</source>
        <translation>用每个激活函数训练一个小网络，并排比较</translation>
    </message>
    <message>
        <source>What float32, bfloat16 and float16 do to each function; approximations</source>
        <translation>float32、bfloat16 和 float16 对每个函数的影响；近似函数的偏差</translation>
    </message>
    <message>
        <source>How evenly a deep network passes gradients in every direction: the singular values of its input–output Jacobian, Gaussian against orthogonal weights</source>
        <translation>深层网络在各个方向上传递梯度是否均匀：其输入–输出雅可比矩阵的奇异值，高斯权重与正交权重对比</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save this view&apos;s plots as images or its numbers as CSV</source>
        <translation>将此视图的图保存为图像，或将其数值保存为 CSV</translation>
    </message>
    <message>
        <source>Distribution Plot as Image…</source>
        <translation>分布图存为图像…</translation>
    </message>
    <message>
        <source>Depth Plot as Image…</source>
        <translation>深度图存为图像…</translation>
    </message>
    <message>
        <source>Phase Diagram as Image…</source>
        <translation>相图存为图像…</translation>
    </message>
    <message>
        <source>Loss Plot as Image…</source>
        <translation>损失图导出为图像…</translation>
    </message>
    <message>
        <source>Accuracy Plot as Image…</source>
        <translation>准确率图导出为图像…</translation>
    </message>
    <message>
        <source>Network as Image…</source>
        <translation>网络图导出为图像…</translation>
    </message>
    <message>
        <source>Predictions as Image…</source>
        <translation>预测图导出为图像…</translation>
    </message>
    <message>
        <source>Dead Units Plot as Image…</source>
        <translation>死亡单元图导出为图像…</translation>
    </message>
    <message>
        <source>Gradient Norm Plot as Image…</source>
        <translation>梯度范数图导出为图像…</translation>
    </message>
    <message>
        <source>Precision Plot as Image…</source>
        <translation>精度图导出为图像…</translation>
    </message>
    <message>
        <source>Error Plot as Image…</source>
        <translation>误差图导出为图像…</translation>
    </message>
    <message>
        <source>Comparison Plot as Image…</source>
        <translation>对比图导出为图像…</translation>
    </message>
    <message>
        <source>Gaussian Weights&apos; Spectrum as Image…</source>
        <translation>高斯权重的谱导出为图像…</translation>
    </message>
    <message>
        <source>Orthogonal Weights&apos; Spectrum as Image…</source>
        <translation>正交权重的谱导出为图像…</translation>
    </message>
    <message>
        <source>Statistics as CSV…</source>
        <translation>统计数据存为 CSV…</translation>
    </message>
    <message>
        <source>Depth Numbers as CSV…</source>
        <translation>深度数值存为 CSV…</translation>
    </message>
    <message>
        <source>Phase Diagram Grid as CSV…</source>
        <translation>相图网格存为 CSV…</translation>
    </message>
    <message>
        <source>Gains as CSV…</source>
        <translation>增益存为 CSV…</translation>
    </message>
    <message>
        <source>Training History as CSV…</source>
        <translation>训练历史导出为 CSV…</translation>
    </message>
    <message>
        <source>Precision Table as CSV…</source>
        <translation>精度表导出为 CSV…</translation>
    </message>
    <message>
        <source>Spectra as CSV…</source>
        <translation>谱数据导出为 CSV…</translation>
    </message>
    <message>
        <source>PyTorch Script…</source>
        <translation>PyTorch 脚本…</translation>
    </message>
    <message>
        <source>Weights as JSON…</source>
        <translation>权重导出为 JSON…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>An explorer of neural-network activation functions and their first and second derivatives, exact to PyTorch.</source>
        <extracomment>Longest wait for the workers when the window closes (each stops at its next checkpoint). Time after the window first shows before the details&apos; sentences with numbers appear.</extracomment>
        <translation>神经网络激活函数及其一阶、二阶导数的浏览器，数值与 PyTorch 完全一致。</translation>
    </message>
    <message>
        <source>Licence: MIT.</source>
        <translation>许可证：MIT。</translation>
    </message>
    <message>
        <source>Activation Function Explorer</source>
        <extracomment>Views that need half the window&apos;s height to be read (given it when first shown). Emitted from ``closeEvent`` so the owner can save state.</extracomment>
        <translation>激活函数浏览器</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>图</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>控制面板</translation>
    </message>
    <message>
        <source>Readout</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>Function details</source>
        <translation>函数详情</translation>
    </message>
    <message>
        <source>Why it trains</source>
        <translation>为何能训练</translation>
    </message>
    <message>
        <source>Move the mouse over the plot to read x and y.</source>
        <extracomment>The tall views (four plots and controls; three plots and a table) given room once. Set by the owner when a saved dock layout was restored (then it is kept).</extracomment>
        <translation>将鼠标移到图上以读取 x 和 y。</translation>
    </message>
    <message>
        <source>&amp;Export Image…</source>
        <translation>导出图像(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the plot as a PNG, SVG or PDF file</source>
        <translation>将图保存为 PNG、SVG 或 PDF 文件</translation>
    </message>
    <message>
        <source>Export &amp;Data…</source>
        <translation>导出数据(&amp;D)…</translation>
    </message>
    <message>
        <source>Save the plotted curves as a CSV table</source>
        <translation>将绘制的曲线保存为 CSV 表格</translation>
    </message>
    <message>
        <source>&amp;Copy Image</source>
        <translation>复制图像(&amp;C)</translation>
    </message>
    <message>
        <source>Put the plot on the clipboard</source>
        <translation>将图复制到剪贴板</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close the explorer</source>
        <translation>关闭浏览器</translation>
    </message>
    <message>
        <source>&amp;Reset View</source>
        <translation>重置视图(&amp;R)</translation>
    </message>
    <message>
        <source>Return to the default x-range and fit y to the curves</source>
        <translation>回到默认 x 范围，并让 y 适应曲线</translation>
    </message>
    <message>
        <source>Restore &amp;Defaults</source>
        <translation>恢复默认设置(&amp;D)</translation>
    </message>
    <message>
        <source>Return every function, parameter and range to its default</source>
        <translation>将所有函数、参数和范围恢复为默认值</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Image &amp;Options</source>
        <translation>图像选项(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>F&amp;unctions</source>
        <translation>函数(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Statistics, signal propagation through depth and initialisation gains</source>
        <translation>统计、信号的逐层传播与初始化增益</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>恢复默认设置</translation>
    </message>
    <message>
        <source>Return every function, parameter, range, theme and export option to its default? This cannot be undone.</source>
        <translation>把所有函数、参数、范围、主题和导出选项恢复为默认值？此操作无法撤销。</translation>
    </message>
    <message>
        <source>The language changes the next time actgui starts.</source>
        <translation>语言将在下次启动 actgui 时更改。</translation>
    </message>
    <message>
        <source>About actgui</source>
        <translation>关于 actgui</translation>
    </message>
</context>
<context>
    <name>NetworkBoxes</name>
    <message>
        <source>Weights ~ N(0, σ_w²/fan_in)</source>
        <extracomment>Significant digits in the tables (the cells&apos; tooltips and the CSV give all 17).</extracomment>
        <translation>权重 ~ N(0, σ_w²/fan_in)</translation>
    </message>
    <message>
        <source>Biases ~ N(0, σ_b²)</source>
        <translation>偏置 ~ N(0, σ_b²)</translation>
    </message>
    <message>
        <source>Number of layers</source>
        <translation>层数</translation>
    </message>
</context>
<context>
    <name>NetworkNotes</name>
    <message>
        <source>Dying units: at N(0, 1), %1 of %2&apos;s outputs are 0 and %3 of its gradients are 0 (Leaky ReLU with α = 0.01: %4).</source>
        <translation>单元死亡：在 N(0, 1) 下，%2 的输出中有 %1 为 0，梯度中有 %3 为 0（α = 0.01 的 Leaky ReLU：%4）。</translation>
    </message>
    <message>
        <source>No dead units: at N(0, 1), %1 of %2&apos;s outputs are 0 and its gradient is never 0 (ReLU: 50 %).</source>
        <translation>没有死亡单元：在 N(0, 1) 下，%2 的输出中有 %1 为 0，而其梯度从不为 0（ReLU：50%）。</translation>
    </message>
    <message>
        <source>Zero-centring: for an input N(0, 1) the mean output is %1 (%2).</source>
        <translation>零中心：对于输入 N(0, 1)，输出均值为 %1（%2）。</translation>
    </message>
    <message>
        <source>Vanishing gradients: in a deep network with σ_w = 1, no biases and inputs of variance 1, the squared gradient 10 layers below the output is %1 of its size there, 50 layers below %2 (E[f′(z)²] = %3 at N(0, 1)).</source>
        <extracomment>What a mean output is compared with (the function itself left out).</extracomment>
        <translation>梯度消失：在 σ_w = 1、无偏置、输入方差为 1 的深层网络中，输出层以下 10 层处的梯度平方是输出处的 %1，50 层以下为 %2（在 N(0, 1) 下 E[f′(z)²] = %3）。</translation>
    </message>
    <message>
        <source>Self-normalising: for an input N(0, 1) the output has mean %1 and variance %2, so with σ_w = 1 each layer passes N(0, 1) on (q* = %3, χ₁ = %4).</source>
        <translation>自归一化：对于输入 N(0, 1)，输出的均值为 %1、方差为 %2，因此在 σ_w = 1 时每一层都把 N(0, 1) 原样传下去（q* = %3，χ₁ = %4）。</translation>
    </message>
    <message>
        <source>Precision: in float16 %1 rounds to exactly 1 from x = %2 on, and the gradient computed from the output, %3, is exactly 0 there (%4 of float16&apos;s numbers are dead); in bfloat16 from x = %5.</source>
        <translation>数值精度：在 float16 中，%1 从 x = %2 起恰好舍入为 1，由输出计算的梯度 %3 在那里恰为 0（float16 的数中有 %4 梯度为零）；在 bfloat16 中从 x = %5 起。</translation>
    </message>
    <message>
        <source>Approximations: on [−6, 6] GELU (tanh) strays from GELU by at most %1 (at x = %2), QuickGELU by %3 (at x = %4).</source>
        <translation>近似：在 [−6, 6] 上，GELU（tanh）与 GELU 之差至多为 %1（位于 x = %2），QuickGELU 至多为 %3（位于 x = %4）。</translation>
    </message>
    <message>
        <source>Dynamical isometry: on its edge of chaos with σ_b = 0.001 (σ_w = %1, q* = %2), 50 layers deep, the squared singular values of the input–output Jacobian have mean 1 and variance %3 with orthogonal weights, %4 with Gaussian ones: orthogonal tanh passes every direction&apos;s gradient on almost unchanged.</source>
        <translation>动力学等距：在 σ_b = 0.001 的混沌边缘（σ_w = %1，q* = %2），深 50 层时，输入–输出雅可比矩阵奇异值平方的均值为 1，方差在正交权重下为 %3，在高斯权重下为 %4：正交初始化的 tanh 几乎原样传递每个方向的梯度。</translation>
    </message>
    <message>
        <source>Jacobian spectrum: sigmoid&apos;s edge of chaos (σ_b = 0) is at σ_w = %1, where q* = %2 (its outputs&apos; mean ½ keeps q* large): 50 layers deep the squared singular values have variance %3 even with orthogonal weights (tanh&apos;s: %4).</source>
        <translation>雅可比谱：Sigmoid 的混沌边缘（σ_b = 0）在 σ_w = %1 处，此时 q* = %2（其输出均值 ½ 使 q* 无法变小）：深 50 层时，即使用正交权重，奇异值平方的方差也有 %3（tanh 为 %4）。</translation>
    </message>
    <message>
        <source>Jacobian spectrum: at He&apos;s scale (σ_w² = 2), 50 layers deep, half the Jacobian&apos;s singular values are 0, and all the squared ones have variance %1 with Gaussian weights, %2 with orthogonal ones: the spread grows with depth (2L, L) whatever the weights.</source>
        <translation>雅可比谱：在 He 尺度（σ_w² = 2）下深 50 层时，雅可比矩阵一半的奇异值为 0，全部奇异值平方的方差在高斯权重下为 %1，在正交权重下为 %2：无论哪种权重，离散程度都随深度增长（2L、L）。</translation>
    </message>
    <message>
        <source>Jacobian spectrum: with σ_w = 1, 50 layers deep, the squared singular values have mean χ₁⁵⁰ = %1 and variance %2 with orthogonal weights, %3 with Gaussian ones.</source>
        <translation>雅可比谱：σ_w = 1、深 50 层时，奇异值平方的均值为 χ₁⁵⁰ = %1，方差在正交权重下为 %2，在高斯权重下为 %3。</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show this in the Why it trains panel</source>
        <translation>在“为何能训练”面板中显示</translation>
    </message>
</context>
<context>
    <name>NetworkPresets</name>
    <message>
        <source>He (σ_w² = 2)</source>
        <translation>He（σ_w² = 2）</translation>
    </message>
    <message>
        <source>σ_w = √2: Kaiming He&apos;s scale for ReLU networks</source>
        <translation>σ_w = √2：Kaiming He 为 ReLU 网络提出的尺度</translation>
    </message>
    <message>
        <source>LeCun/Glorot (σ_w² = 1)</source>
        <translation>LeCun/Glorot（σ_w² = 1）</translation>
    </message>
    <message>
        <source>σ_w = 1: LeCun&apos;s scale (Glorot&apos;s when fan-in equals fan-out)</source>
        <translation>σ_w = 1：LeCun 的尺度（扇入等于扇出时即 Glorot 的尺度）</translation>
    </message>
    <message>
        <source>Edge of chaos</source>
        <translation>混沌边缘</translation>
    </message>
    <message>
        <source>σ_w with χ₁ = 1 for the selected function at this σ_b</source>
        <translation>所选函数在当前 σ_b 下使 χ₁ = 1 的 σ_w</translation>
    </message>
    <message>
        <source>%1 has no edge of chaos at σ_b = %2 (χ₁ never reaches 1).</source>
        <translation>%1 在 σ_b = %2 时没有混沌边缘（χ₁ 始终达不到 1）。</translation>
    </message>
</context>
<context>
    <name>OptionMenus</name>
    <message>
        <source>%1 px</source>
        <translation>%1 像素</translation>
    </message>
    <message>
        <source>Line &amp;Width</source>
        <translation>线宽(&amp;W)</translation>
    </message>
    <message>
        <source>%1 pt</source>
        <translation>%1 磅</translation>
    </message>
    <message>
        <source>&amp;Font Size</source>
        <translation>字号(&amp;F)</translation>
    </message>
    <message>
        <source>Plot &amp;Title…</source>
        <translation>图标题(&amp;T)…</translation>
    </message>
    <message>
        <source>A title above the plot (on screen and in exported images)</source>
        <translation>图上方的标题（屏幕上和导出的图像中都有）</translation>
    </message>
    <message>
        <source>&amp;Axis Labels</source>
        <translation>坐标轴标签(&amp;A)</translation>
    </message>
    <message>
        <source>Label the axes x and y</source>
        <translation>把坐标轴标为 x 和 y</translation>
    </message>
    <message>
        <source>&amp;Legends</source>
        <translation>图例(&amp;L)</translation>
    </message>
    <message>
        <source>Show the plots&apos; legends (drag one to move it; each goes where it hides the fewest data)</source>
        <translation>显示各图的图例（可拖动图例移动它；每个图例自动放在遮挡数据最少的位置）</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Every text and line larger, for a projector (Esc leaves it)</source>
        <translation>所有文字和线条放大，适合投影（按 Esc 退出）</translation>
    </message>
    <message>
        <source>Leave Presentation Mode</source>
        <translation>退出演示模式</translation>
    </message>
    <message>
        <source>&amp;Zoom</source>
        <translation>缩放(&amp;Z)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Every text and line of the window larger</source>
        <translation>窗口中所有文字和线条放大</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Every text and line of the window smaller</source>
        <translation>窗口中所有文字和线条缩小</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>Texts and lines at their normal size (100 %)</source>
        <translation>文字和线条恢复正常大小（100 %）</translation>
    </message>
    <message>
        <source>&amp;Actual Size (now %1 %)</source>
        <translation>实际大小（当前 %1 %）(&amp;A)</translation>
    </message>
    <message>
        <source>Plot Title</source>
        <translation>图标题</translation>
    </message>
    <message>
        <source>Title above the plot (leave empty for none):</source>
        <translation>图上方的标题（留空则不显示）：</translation>
    </message>
    <message>
        <source>Title too long</source>
        <translation>标题过长</translation>
    </message>
    <message>
        <source>A title has at most %1 characters.</source>
        <translation>标题最多 %1 个字符。</translation>
    </message>
    <message>
        <source>PNG scale %1×</source>
        <translation>PNG 缩放 %1×</translation>
    </message>
    <message>
        <source>Background as shown</source>
        <translation>背景与显示一致</translation>
    </message>
    <message>
        <source>White background</source>
        <translation>白色背景</translation>
    </message>
    <message>
        <source>Transparent background</source>
        <translation>透明背景</translation>
    </message>
    <message>
        <source>Size as on screen</source>
        <translation>与屏幕上相同的尺寸</translation>
    </message>
    <message>
        <source>1920×1080 (slide, 16:9)</source>
        <translation>1920×1080（幻灯片，16:9）</translation>
    </message>
    <message>
        <source>1280×720 (16:9)</source>
        <translation>1280×720（16:9）</translation>
    </message>
    <message>
        <source>1080×1080 (square)</source>
        <translation>1080×1080（正方形）</translation>
    </message>
    <message>
        <source>Custom Size…</source>
        <translation>自定义尺寸…</translation>
    </message>
    <message>
        <source>Custom Size</source>
        <translation>自定义尺寸</translation>
    </message>
    <message>
        <source>Width × height of exported images, in pixels (%1–%2 each):</source>
        <translation>导出图像的宽 × 高，单位为像素（每边 %1–%2）：</translation>
    </message>
    <message>
        <source>Type a size like 1600x900, each side %1–%2 pixels.</source>
        <translation>请输入形如 1600x900 的尺寸，每边 %1–%2 像素。</translation>
    </message>
</context>
<context>
    <name>PhaseView</name>
    <message>
        <source>Computing the phase diagram… %1</source>
        <extracomment>log10 χ₁ at the ends of the colour scale, and the phases&apos; colours (grey: lengths grow without bound, no χ₁).</extracomment>
        <translation>正在计算相图… %1</translation>
    </message>
    <message>
        <source>χ₁ of the selected function over σ_w and σ_b: blue ordered (χ₁ &lt; 1, gradients vanish), red chaotic (χ₁ &gt; 1, they explode), the line the edge of chaos (χ₁ = 1), the ring the current choice. Click to pick σ_w and σ_b.</source>
        <translation>所选函数的 χ₁ 随 σ_w 和 σ_b 的变化：蓝色为有序相（χ₁ &lt; 1，梯度消失），红色为混沌相（χ₁ &gt; 1，梯度爆炸），曲线为混沌边缘（χ₁ = 1），圆环为当前选择。点击可选取 σ_w 和 σ_b。</translation>
    </message>
    <message>
        <source>%1: %2 ordered · %3 chaotic · %4 unbounded</source>
        <translation>%1：%2 有序相 · %3 混沌相 · %4 无界</translation>
    </message>
    <message>
        <source>— edge of chaos</source>
        <translation>— 混沌边缘</translation>
    </message>
    <message>
        <source>no edge of chaos here</source>
        <translation>此处没有混沌边缘</translation>
    </message>
</context>
<context>
    <name>PlotView</name>
    <message>
        <source>%1: %2 — PyTorch uses %3</source>
        <translation>%1：%2 —— PyTorch 取 %3</translation>
    </message>
    <message>
        <source>%1: %2 — value %3</source>
        <translation>%1：%2 —— 值为 %3</translation>
    </message>
</context>
<context>
    <name>PrecisionView</name>
    <message>
        <source>The number format the functions are computed in</source>
        <extracomment>Saturation fields, in the table&apos;s order. The pairs one click away: (key_a, key_b, button text). The colour of the difference curve (not a function&apos;s).</extracomment>
        <translation>计算函数所用的数值格式</translation>
    </message>
    <message>
        <source>Computed in</source>
        <translation>计算格式</translation>
    </message>
    <message>
        <source>x from</source>
        <translation>x 从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Limits and largest errors</source>
        <translation>极限与最大误差</translation>
    </message>
    <message>
        <source>Found on the numbers of the format, by bisection: where f, correctly rounded, equals its limit; where the gradient a framework computes is exactly 0 (from the output for sigmoid and tanh: σ(1 − σ), 1 − tanh²). Largest error: of the format&apos;s kernel over the x-range, in ulps.</source>
        <translation>在该格式的数上用二分法求得：f 正确舍入后等于其极限的位置；框架计算的梯度恰为 0 的位置（sigmoid 和 tanh 由输出计算：σ(1 − σ)、1 − tanh²）。最大误差：该格式计算核在 x 范围内的误差，以 ulp 为单位。</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>with</source>
        <translation>与</translation>
    </message>
    <message>
        <source>Compare these two over the x-range</source>
        <translation>在 x 范围内对比这两个函数</translation>
    </message>
    <message>
        <source>error (ulps)</source>
        <translation>误差（ulp）</translation>
    </message>
    <message>
        <source>Values in the format</source>
        <translation>该格式中的值</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>f = top from</source>
        <translation>f = 上限，自</translation>
    </message>
    <message>
        <source>f = bottom below</source>
        <translation>f = 下限，低于</translation>
    </message>
    <message>
        <source>f′ = 0 from</source>
        <translation>f′ = 0，自</translation>
    </message>
    <message>
        <source>f′ = 0 below</source>
        <translation>f′ = 0，低于</translation>
    </message>
    <message>
        <source>dead share</source>
        <translation>死区占比</translation>
    </message>
    <message>
        <source>max error (ulps)</source>
        <translation>最大误差（ulp）</translation>
    </message>
    <message>
        <source>at x</source>
        <translation>位于 x</translation>
    </message>
    <message>
        <source>%1 in %2: no numerically dead gradient.</source>
        <translation>%1 在 %2 下：没有数值上消失的梯度。</translation>
    </message>
    <message>
        <source>%1 in %2: the gradient is exactly 0 for %3 (shaded), %4 of its numbers.</source>
        <translation>%1 在 %2 下：%3 时梯度恰为 0（阴影区），占该格式全部数的 %4。</translation>
    </message>
    <message>
        <source> and </source>
        <translation> 以及 </translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>对比计算中…</translation>
    </message>
    <message>
        <source>Largest |%1 − %2| = %3 at x = %4; L2 distance %5 (over %6 to %7).</source>
        <translation>最大 |%1 − %2| = %3，位于 x = %4；L2 距离 %5（区间 %6 到 %7）。</translation>
    </message>
    <message>
        <source>difference</source>
        <translation>差值</translation>
    </message>
</context>
<context>
    <name>Readout</name>
    <message>
        <source>%1 (jump here; value at the point)</source>
        <translation>%1（此处跳变；取该点的值）</translation>
    </message>
    <message>
        <source>undefined at kink, PyTorch uses %1</source>
        <translation>折点处无定义，PyTorch 取 %1</translation>
    </message>
    <message>
        <source>undefined at kink, actgui uses %1</source>
        <translation>折点处无定义，actgui 取 %1</translation>
    </message>
</context>
<context>
    <name>ReadoutPanel</name>
    <message>
        <source>move over the plot, or type x and press Enter</source>
        <extracomment>Where a value cell keeps its whole text (the cell shows the value and a * for a note).</extracomment>
        <translation>在图上移动鼠标，或输入 x 并按回车</translation>
    </message>
    <message>
        <source>Type an exact x (e.g. 0, -1e-7, 3.5) and press Enter to pin the cursor there</source>
        <translation>输入精确的 x（如 0、-1e-7、3.5）并按回车，将光标固定在该处</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>A pinned cursor stays put; click the plot to pin, arrow keys to step</source>
        <translation>固定的光标不随鼠标移动；点击图以固定，方向键可步进</translation>
    </message>
    <message>
        <source>Values at the cursor</source>
        <translation>光标处的值</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>* Kink or jump: the value PyTorch (or actgui) takes there; hover for details.</source>
        <translation>* 折点或跳变：PyTorch（或 actgui）在该处取的值；鼠标悬停可查看详情。</translation>
    </message>
    <message>
        <source>Not a finite number: %1</source>
        <translation>不是有限数：%1</translation>
    </message>
</context>
<context>
    <name>RunProgress</name>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the running simulation</source>
        <translation>停止正在运行的模拟</translation>
    </message>
</context>
<context>
    <name>Safety</name>
    <message>
        <source>Unexpected error</source>
        <extracomment>[the open error dialog, {summary: repeats}] while one is on screen.</extracomment>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>actgui keeps running. The details are in the log; please include them if you report this.</source>
        <translation>actgui 仍在运行。详细信息已写入日志；报告问题时请附上。</translation>
    </message>
</context>
<context>
    <name>SpectrumView</name>
    <message>
        <source>Dynamical isometry</source>
        <extracomment>Quiet time after the last change before the networks are simulated. Each kind of weights&apos; colour (light theme, dark theme): not a function&apos;s (one function is shown; the colours tell the weights apart). The presets: name → (function, σ_w or None for its edge of chaos, σ_b, depth).</extracomment>
        <translation>动力学等距</translation>
    </message>
    <message>
        <source>tanh on its edge of chaos with σ_b = 0.001 (q* ≈ 0.009), 50 layers</source>
        <translation>tanh 位于 σ_b = 0.001 的混沌边缘（q* ≈ 0.009），50 层</translation>
    </message>
    <message>
        <source>ReLU at He</source>
        <translation>He 尺度下的 ReLU</translation>
    </message>
    <message>
        <source>ReLU with σ_w² = 2, no biases, 50 layers</source>
        <translation>ReLU，σ_w² = 2，无偏置，50 层</translation>
    </message>
    <message>
        <source>Gaussian and orthogonal</source>
        <translation>高斯与正交</translation>
    </message>
    <message>
        <source>Build the network at initialisation, multiply out its input–output Jacobian and histogram its squared singular values (width 1000, depth 200: about 6 s with Gaussian weights, 24 s with orthogonal ones)</source>
        <translation>构建初始化时的网络，逐层乘出其输入–输出雅可比矩阵，并绘制奇异值平方的直方图（宽 1000、深 200：高斯权重约 6 秒，正交权重约 24 秒）</translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation>高斯</translation>
    </message>
    <message>
        <source>Orthogonal</source>
        <translation>正交</translation>
    </message>
    <message>
        <source>Weights N(0, σ_w²/N), or σ_w times a random orthogonal matrix</source>
        <translation>权重为 N(0, σ_w²/N)，或 σ_w 乘以随机正交矩阵</translation>
    </message>
    <message>
        <source>Simulate, width</source>
        <translation>模拟，宽度</translation>
    </message>
    <message>
        <source>Units per layer of the simulated networks (≤ 1000)</source>
        <translation>模拟网络每层的单元数（≤ 1000）</translation>
    </message>
    <message>
        <source>The same seed, the same network</source>
        <translation>相同的种子，相同的网络</translation>
    </message>
    <message>
        <source>depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>σ², the Jacobian&apos;s squared singular values</source>
        <translation>σ²，雅可比矩阵的奇异值平方</translation>
    </message>
    <message>
        <source>network, width %1</source>
        <translation>网络，宽度 %1</translation>
    </message>
    <message>
        <source>theory, width → ∞</source>
        <translation>理论，宽度 → ∞</translation>
    </message>
    <message>
        <source>Enable a function to see its Jacobian&apos;s spectrum.</source>
        <extracomment>var/mean² at or below which a network counts as close to isometry. |χ₁ − 1| above which a network is not critical (its mean drifts as χ₁^L).</extracomment>
        <translation>启用一个函数以查看其雅可比谱。</translation>
    </message>
    <message>
        <source>σ_w = 0: every layer&apos;s output is its bias.</source>
        <translation>σ_w = 0：每层的输出就是其偏置。</translation>
    </message>
    <message>
        <source>%1, σ_w = %2, σ_b = %3, %4 layers</source>
        <translation>%1，σ_w = %2，σ_b = %3，%4 层</translation>
    </message>
    <message>
        <source>Gaussian weights</source>
        <translation>高斯权重</translation>
    </message>
    <message>
        <source>Orthogonal weights</source>
        <translation>正交权重</translation>
    </message>
    <message>
        <source>theory: mean %1, variance %2</source>
        <translation>理论：均值 %1，方差 %2</translation>
    </message>
    <message>
        <source>network of width %1: mean %2, variance %3</source>
        <translation>宽度为 %1 的网络：均值 %2，方差 %3</translation>
    </message>
    <message>
        <source>%1: the theory puts %2 of the values below %3, left of its curve.</source>
        <translation>%1：理论认为有 %2 的值低于 %3，位于曲线左侧之外。</translation>
    </message>
    <message>
        <source>The network&apos;s smallest σ² = %1 sits apart: it is the input&apos;s own direction, whose length follows the length map and shrinks by V′(q*) = %2 a layer (V′(q*)^2L = %3); the wide limit does not count one direction.</source>
        <translation>网络最小的 σ² = %1 与其余分开：它是输入自身的方向，其长度遵循长度映射，每层按 V′(q*) = %2 缩小（V′(q*)^2L = %3）；无限宽极限不计入单个方向。</translation>
    </message>
    <message>
        <source>In the wide limit %1 of the singular values are exactly 0 (f′ = 0 on that share of units); the variances count them.</source>
        <translation>在无限宽极限下，%1 的奇异值恰为 0（这部分单元上 f′ = 0）；方差计入了它们。</translation>
    </message>
    <message>
        <source>q* repels here (V′(q*) = %1): a real network&apos;s lengths leave it, and the theory describes its first layers only.</source>
        <translation>此处 q* 是排斥的（V′(q*) = %1）：真实网络的长度会离开它，理论只描述前几层。</translation>
    </message>
    <message>
        <source>Computing the theory…</source>
        <translation>正在计算理论…</translation>
    </message>
    <message>
        <source>Lengths grow without bound here: there is no fixed point to sit at.</source>
        <translation>此处长度无界增长：没有可停留的不动点。</translation>
    </message>
    <message>
        <source>f′ is 0 wherever the signals go: the Jacobian is 0.</source>
        <translation>信号所到之处 f′ 都为 0：雅可比矩阵为 0。</translation>
    </message>
    <message>
        <source>Not critical: χ₁ = %1, so the mean changes as χ₁^L (%2 at %3 layers); isometry needs χ₁ = 1 first (Edge of chaos).</source>
        <translation>不在临界点：χ₁ = %1，均值按 χ₁^L 变化（%3 层时为 %2）；等距首先需要 χ₁ = 1（混沌边缘）。</translation>
    </message>
    <message>
        <source>orthogonal</source>
        <translation>正交</translation>
    </message>
    <message>
        <source>Close to dynamical isometry: with %1 weights the squared singular values spread by only %2 (variance ÷ mean²), so every direction&apos;s gradient is kept.</source>
        <translation>接近动力学等距：使用%1权重时，奇异值平方的离散程度仅为 %2（方差 ÷ 均值²），每个方向的梯度都得以保持。</translation>
    </message>
    <message>
        <source>Far from isometry: with %1 weights the spread (variance ÷ mean²) is %2 and grows in proportion to depth, %3 a layer.</source>
        <translation>远离等距：使用%1权重时，离散程度（方差 ÷ 均值²）为 %2，并随深度成比例增长，每层 %3。</translation>
    </message>
    <message>
        <source>Gaussian weights: %1.</source>
        <translation>高斯权重：%1。</translation>
    </message>
    <message>
        <source>share per decade</source>
        <translation>每十倍区间占比</translation>
    </message>
    <message>
        <source>Could not simulate: %1</source>
        <translation>无法模拟：%1</translation>
    </message>
</context>
<context>
    <name>StatsView</name>
    <message>
        <source>Mean μ of the input z ~ N(μ, σ²)</source>
        <extracomment>(field of GaussianStats, column title, a probability shown as a percentage) Below this, a statistic is shown as 0: the quadrature is accurate to about 1e−9 absolute (tested to 1e−9), so smaller values are noise about 0. Where the numbers come from (a function of your own&apos;s: from a worker).</extracomment>
        <translation>输入 z ~ N(μ, σ²) 的均值 μ</translation>
    </message>
    <message>
        <source>Standard deviation σ of the input z ~ N(μ, σ²)</source>
        <translation>输入 z ~ N(μ, σ²) 的标准差 σ</translation>
    </message>
    <message>
        <source>A gradient counts as small where |f′(z)| &lt; ε</source>
        <translation>当 |f′(z)| &lt; ε 时，梯度视为很小</translation>
    </message>
    <message>
        <source>Input z ~ N(μ, σ²):  μ</source>
        <translation>输入 z ~ N(μ, σ²)：  μ</translation>
    </message>
    <message>
        <source>small gradient: |f′| &lt; ε =</source>
        <translation>小梯度：|f′| &lt; ε =</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>Exact expectations over the Gaussian input, by quadrature split at the kinks (not sampled). Select cells and press Ctrl+C to copy every digit.</source>
        <translation>对高斯输入求的精确期望，在折点处分段数值积分得出（并非采样）。选中单元格并按 Ctrl+C 可复制全部位数。</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>f(z)</source>
        <translation>f(z)</translation>
    </message>
    <message>
        <source>density</source>
        <translation>密度</translation>
    </message>
    <message>
        <source>Distribution of f(z)</source>
        <translation>f(z) 的分布</translation>
    </message>
    <message>
        <source>%1(z), z ~ N(%2, %3²)</source>
        <translation>%1(z)，z ~ N(%2, %3²)</translation>
    </message>
    <message>
        <source>point mass %1 at %2</source>
        <translation>点质量 %1，位于 %2</translation>
    </message>
</context>
<context>
    <name>TrainView</name>
    <message>
        <source>Two spirals</source>
        <extracomment>The init combo&apos;s entry for a race with an initialisation per run.</extracomment>
        <translation>双螺旋</translation>
    </message>
    <message>
        <source>Circles</source>
        <translation>同心圆</translation>
    </message>
    <message>
        <source>XOR</source>
        <translation>异或</translation>
    </message>
    <message>
        <source>Moons</source>
        <translation>双月</translation>
    </message>
    <message>
        <source>Two Gaussians</source>
        <translation>两个高斯团</translation>
    </message>
    <message>
        <source>sin x (fit a curve)</source>
        <translation>sin x（拟合曲线）</translation>
    </message>
    <message>
        <source>|x| (fit a curve)</source>
        <translation>|x|（拟合曲线）</translation>
    </message>
    <message>
        <source>step (fit a curve)</source>
        <translation>阶跃（拟合曲线）</translation>
    </message>
    <message>
        <source>Dying ReLU</source>
        <translation>ReLU 死亡</translation>
    </message>
    <message>
        <source>SGD at learning rate 1 on the spirals: most ReLU and ReLU6 units die (no gradient on any point, for good) and their loss stalls; Leaky ReLU and SiLU keep every unit and fit the data.</source>
        <translation>在双螺旋数据上以学习率 1 做 SGD：ReLU 和 ReLU6 的大部分单元死亡（在所有点上都没有梯度，且永不恢复），损失停滞；Leaky ReLU 和 SiLU 保住了每个单元并拟合了数据。</translation>
    </message>
    <message>
        <source>Vanishing gradients</source>
        <translation>梯度消失</translation>
    </message>
    <message>
        <source>Six layers: sigmoid passes back at most a quarter of the gradient per layer, its first layers hardly learn and its loss stays at log 2; tanh, ReLU and SELU learn.</source>
        <translation>六层网络：sigmoid 每层最多只传回四分之一的梯度，前几层几乎学不到东西，损失停在 log 2；tanh、ReLU 和 SELU 都能学会。</translation>
    </message>
    <message>
        <source>ELU/SELU vs ReLU</source>
        <translation>ELU/SELU 对比 ReLU</translation>
    </message>
    <message>
        <source>step</source>
        <extracomment>Drawn: the texts beside the plots may have changed.</extracomment>
        <translation>步数</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>准确率（%）</translation>
    </message>
    <message>
        <source>dead units (%)</source>
        <translation>死亡单元（%）</translation>
    </message>
    <message>
        <source>Loss of every run (log scale): on the training points (solid) and on the held-out test points (dashed)</source>
        <translation>每次训练的损失（对数刻度）：训练点上（实线）与留出的测试点上（虚线）</translation>
    </message>
    <message>
        <source>Share of the points classified right (a curve: R², 1 is a perfect fit), training points solid, test points dashed</source>
        <translation>分类正确的点所占比例（曲线拟合：R²，1 为完美拟合），训练点为实线，测试点为虚线</translation>
    </message>
    <message>
        <source>R² (1: a perfect fit)</source>
        <translation>R²（1：完美拟合）</translation>
    </message>
    <message>
        <source>Share of each hidden layer&apos;s units with f′ = 0 on every training point: dead</source>
        <translation>各隐藏层中在所有训练点上 f′ = 0 的单元比例：即死亡单元</translation>
    </message>
    <message>
        <source>Norm of each hidden layer&apos;s weight gradient: tiny means the layer barely learns</source>
        <translation>各隐藏层权重梯度的范数：很小意味着该层几乎不学习</translation>
    </message>
    <message>
        <source>What each network predicts: the class regions (or the fitted curve) and the data</source>
        <translation>每个网络的预测：类别区域（或拟合曲线）与数据</translation>
    </message>
    <message>
        <source>Line styles of the hidden layers</source>
        <translation>各隐藏层的线型</translation>
    </message>
    <message>
        <source>Orthogonal tanh</source>
        <translation>正交 tanh</translation>
    </message>
    <message>
        <source>Eight tanh layers of 16 on the edge of chaos, twice: Gaussian weights against orthogonal ones at the same scale. Orthogonal weights start with every singular value of the Jacobian near 1 (dynamical isometry). Over seeds 0–9 they reach a loss of 0.3 in 209 steps against 271 (median): at eight layers the effect is modest (at width 32 it turns round).</source>
        <translation>八层宽 16 的 tanh 网络位于混沌边缘，训练两次：相同尺度下的高斯权重与正交权重。正交权重一开始雅可比矩阵的每个奇异值都接近 1（动力学等距）。在种子 0–9 上，它们达到损失 0.3 需要 209 步，高斯权重需要 271 步（中位数）：在八层时效果有限（宽度 32 时甚至相反）。</translation>
    </message>
    <message>
        <source>Overfitting</source>
        <translation>过拟合</translation>
    </message>
    <message>
        <source>Three layers of 32 units on 60 noisy points, half of them held out: the training loss falls to 0 while the test loss (dashed) turns up after about ten steps. Set the L2 rate to 0.01 and go on: it comes back down.</source>
        <translation>三层各 32 个单元，60 个带噪声的点，其中一半留作测试：训练损失降到 0，而测试损失（虚线）在大约十步后开始上升。把 L2 系数设为 0.01 再继续：它会降回来。</translation>
    </message>
    <message>
        <source>L2 against overfitting</source>
        <translation>用 L2 对抗过拟合</translation>
    </message>
    <message>
        <source>The same race with an L2 rate of 0.01: the weights stay small, the training loss stays above 0 and the test loss stays low (ReLU: 0.24 against 1.5).</source>
        <translation>同样的比赛，L2 系数为 0.01：权重保持较小，训练损失停在 0 以上，测试损失保持较低（ReLU：0.24，对比 1.5）。</translation>
    </message>
    <message>
        <source>What units compute</source>
        <translation>单元在计算什么</translation>
    </message>
    <message>
        <source>ReLU and tanh, two small layers, on the circles, seen on the Network page: each ReLU unit of the first layer is a half-plane with a crease, each tanh unit a smooth ridge.</source>
        <translation>ReLU 与 tanh，两个小隐藏层，在同心圆数据上，在“网络”页查看：第一层的每个 ReLU 单元是一个带折痕的半平面，每个 tanh 单元是一道平滑的山脊。</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>What each unit of a run&apos;s network computes over the input plane, and its weights</source>
        <translation>一次训练的网络中每个单元在输入平面上计算的内容，以及它的权重</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Train every network until the last step, or pause</source>
        <translation>训练每个网络直到最后一步，或暂停</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>One training step of every network</source>
        <translation>每个网络训练一步</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Start again from the initial weights</source>
        <translation>从初始权重重新开始</translation>
    </message>
    <message>
        <source>Demonstrations:</source>
        <translation>演示：</translation>
    </message>
    <message>
        <source>The same %1 points, the same random draws and the same batches for every run; each run has its own initialisation, named in its title.</source>
        <translation>每次训练使用相同的 %1 个点、相同的随机抽样和相同的批次；每次训练有自己的初始化，写在标题中。</translation>
    </message>
    <message>
        <source>A fair race: the same %1 points, the same initial draws of the weights (scaled to each activation&apos;s edge of chaos) and the same batches for every run; only the activation differs.</source>
        <translation>公平的比赛：每次训练使用相同的 %1 个点、相同的初始权重抽样（按各激活函数的混沌边缘缩放）和相同的批次；只有激活函数不同。</translation>
    </message>
    <message>
        <source>A fair race: the same %1 points, the same initial weights and the same batches for every run; only the activation differs.</source>
        <translation>公平的比赛：每次训练使用相同的 %1 个点、相同的初始权重和相同的批次；只有激活函数不同。</translation>
    </message>
    <message>
        <source>%1 more points are held out to test (dashed lines): no step trains on them.</source>
        <translation>另有 %1 个点留作测试（虚线）：没有任何一步用它们训练。</translation>
    </message>
    <message>
        <source>Cells: the predicted class (pale where unsure) and the share of training points right.</source>
        <translation>格子：预测的类别（不确定处较浅）以及训练点中分类正确的比例。</translation>
    </message>
    <message>
        <source>Cells: the fitted curve over the points and its training loss.</source>
        <translation>格子：在数据点上拟合出的曲线及其训练损失。</translation>
    </message>
    <message>
        <source>Run %1</source>
        <extracomment>&quot;Layers shown&quot; changed.</extracomment>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>Race the plotted functions</source>
        <translation>比较图中显示的函数</translation>
    </message>
    <message>
        <source>The first four functions shown on the plot</source>
        <translation>图中显示的前四个函数</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Load CSV…</source>
        <translation>载入 CSV…</translation>
    </message>
    <message>
        <source>Your own data: columns x1, x2, class label (0, 1, …) or x, y (a curve)</source>
        <translation>你自己的数据：列为 x1、x2、类别标签（0、1、…），或 x、y（一条曲线）</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>Size of the built-in data set</source>
        <translation>内置数据集的大小</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>How far the points scatter</source>
        <translation>点的分散程度</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>隐藏层</translation>
    </message>
    <message>
        <source>Hidden layers of the network (1–8)</source>
        <translation>网络的隐藏层数（1–8）</translation>
    </message>
    <message>
        <source>Units per layer</source>
        <translation>每层单元数</translation>
    </message>
    <message>
        <source>He</source>
        <translation>He</translation>
    </message>
    <message>
        <source>LeCun</source>
        <translation>LeCun</translation>
    </message>
    <message>
        <source>Glorot</source>
        <translation>Glorot</translation>
    </message>
    <message>
        <source>Edge of chaos</source>
        <translation>混沌边缘</translation>
    </message>
    <message>
        <source>Orthogonal</source>
        <translation>正交</translation>
    </message>
    <message>
        <source>Your own points (drawn)</source>
        <translation>自己的点（手绘）</translation>
    </message>
    <message>
        <source>Trained on</source>
        <translation>用于训练</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Units in every hidden layer (1–256)</source>
        <translation>每个隐藏层的单元数（1–256）</translation>
    </message>
    <message>
        <source>Widths</source>
        <translation>各层宽度</translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>Scale of the initial weights: √2, 1 or Glorot&apos;s over √fan-in, or χ₁ = 1; Gaussian, or orthogonal matrices at the χ₁ = 1 scale</source>
        <translation>初始权重的尺度：√2、1 或 Glorot 的值除以 √fan-in，或使 χ₁ = 1；高斯分布，或在 χ₁ = 1 尺度下的正交矩阵</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>SGD, momentum 0.9</source>
        <translation>SGD，动量 0.9</translation>
    </message>
    <message>
        <source>Optimiser</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Can change while training</source>
        <translation>训练中可以更改</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>L1 rate</source>
        <translation>L1 系数</translation>
    </message>
    <message>
        <source>L2 rate</source>
        <translation>L2 系数</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Points per step; “all”: the whole set</source>
        <translation>每步使用的点数；“全部”：整个数据集</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Where Start stops; can change while training</source>
        <translation>“开始”在此步停止；训练中可以更改</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>The same seed: the same data, weights and batches</source>
        <translation>相同的种子：相同的数据、权重和批次</translation>
    </message>
    <message>
        <source>Layers shown</source>
        <translation>显示的层</translation>
    </message>
    <message>
        <source>Dead units and gradient norms of every hidden layer, or of one</source>
        <translation>显示每个隐藏层（或某一层）的死亡单元和梯度范数</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save this race&apos;s set-up as a small JSON file</source>
        <translation>将本次比较的设置保存为一个小 JSON 文件</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Set up a race saved in a JSON file</source>
        <translation>从 JSON 文件载入比较设置</translation>
    </message>
    <message>
        <source>Choose at least one activation</source>
        <translation>请至少选择一个激活函数</translation>
    </message>
    <message>
        <source>No function is shown on the plot</source>
        <translation>图中没有显示任何函数</translation>
    </message>
    <message>
        <source>Cannot use %1: %2</source>
        <translation>无法使用 %1：%2</translation>
    </message>
    <message>
        <source>Go on</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>As many steps again</source>
        <translation>再训练同样多的步数</translation>
    </message>
    <message>
        <source>setting up the networks…</source>
        <translation>正在建立网络…</translation>
    </message>
    <message>
        <source>%1
diverged at %2</source>
        <extracomment>Pixels of a decision-region image, per side: on screen, and in an exported figure. Multiply-adds of an export&apos;s forward passes done at once (about 0.1 s); a larger network&apos;s exported regions are the screen&apos;s pictures, computed on the worker. A drawing&apos;s box covers at least [-DRAW_AREA, DRAW_AREA] on each axis (Playground&apos;s scale: the built-in data sets lie about in [-1, 1]). How strongly a sure prediction colours its region (and every pixel, discretized). Colours of the classes: a warm light and a cool dark one first (Playground&apos;s orange and blue in spirit), apart from every run&apos;s colour (the main plot&apos;s palettes, Okabe–Ito orange and blue among them) and from each other with any colour vision; then Okabe–Ito&apos;s. Whether they are a drawing (its box covers the drawing area). Where a drawn point may go (``CellData.area``). Each run&apos;s colour in the last race&apos;s cells, by (theme, place, (key, init)).</extracomment>
        <translation>%1
在第 %2 步发散</translation>
    </message>
    <message>
        <source>Load Data</source>
        <translation>载入数据</translation>
    </message>
    <message>
        <source>Four layers, LeCun&apos;s initialisation, SGD with momentum: SELU&apos;s self-normalising outputs train fastest, ELU and Leaky ReLU keep every unit, ReLU loses some.</source>
        <translation>四层网络、LeCun 初始化、带动量的 SGD：SELU 的自归一化输出训练最快，ELU 和 Leaky ReLU 保住每个单元，ReLU 失去一些。</translation>
    </message>
    <message>
        <source>gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save Race</source>
        <translation>保存比较设置</translation>
    </message>
    <message>
        <source>Race set-ups (*.json)</source>
        <translation>比较设置 (*.json)</translation>
    </message>
    <message>
        <source>Export PyTorch Script</source>
        <translation>导出 PyTorch 脚本</translation>
    </message>
    <message>
        <source>Python scripts (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
        <source>Export Weights</source>
        <translation>导出权重</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>There is no race to export yet: wait until it is set up</source>
        <translation>还没有可导出的比赛：请等它准备好</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation>无法导出：%1</translation>
    </message>
    <message>
        <source>Open Race</source>
        <translation>打开比较设置</translation>
    </message>
    <message>
        <source>Race set-ups (*.json);;All files (*)</source>
        <translation>比较设置 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>One per run</source>
        <translation>每次运行各自设定</translation>
    </message>
    <message>
        <source>each layer</source>
        <translation>每一层</translation>
    </message>
    <message>
        <source>layer %1</source>
        <extracomment>Shortest time between two redraws while training (at most 4 a second: each costs the window&apos;s process CPU that the worker training beside it would otherwise have). While a function&apos;s parameters change (α dragged on the main plot), the plots of a race in progress wait until this long after the last change, all drawn at once at least every ``YIELD_MAX_MS``: the dragged plot&apos;s frames and the training come first. Points per history line drawn (longer histories are thinned evenly; the CSV has all). How far a function&apos;s second run (raced twice, under another initialisation) is moved from its colour toward the plot&apos;s foreground. How the line styles look in a line of text.</extracomment>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <source>%1 steps/s per run</source>
        <translation>每次运行 %1 步/秒</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>parameters changed: Reset to use them</source>
        <translation>参数已更改：重置后生效</translation>
    </message>
    <message>
        <source>Show test data</source>
        <extracomment>The drawing tools: a point of class 0 or 1, a point of a curve, the eraser. How near (in pixels) the eraser&apos;s path must pass a point to remove it. Whether the data is a classification (None: not known yet, e.g. a CSV read). A drag of the eraser: the layout and points it began on, where it passed, and the points it marked (indices), with the crosses that show them.</extracomment>
        <translation>显示测试数据</translation>
    </message>
    <message>
        <source>Draw the held-out test points too (those not trained on), outlined in the text colour</source>
        <translation>同时绘制留出的测试点（未参与训练的点），以文字颜色描边</translation>
    </message>
    <message>
        <source>Discretize output</source>
        <translation>离散化输出</translation>
    </message>
    <message>
        <source>Colour each region by the winning class alone, however unsure</source>
        <translation>每个区域只按胜出的类别着色，不论把握大小</translation>
    </message>
    <message>
        <source>Draw:</source>
        <translation>绘制：</translation>
    </message>
    <message>
        <source>Class A</source>
        <translation>A 类</translation>
    </message>
    <message>
        <source>Click in a cell to add a point of class A</source>
        <translation>在格子中点击以添加一个 A 类的点</translation>
    </message>
    <message>
        <source>Class B</source>
        <translation>B 类</translation>
    </message>
    <message>
        <source>Click in a cell to add a point of class B</source>
        <translation>在格子中点击以添加一个 B 类的点</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>点</translation>
    </message>
    <message>
        <source>Click in a cell to add a point of the curve to fit</source>
        <translation>在格子中点击以添加一个待拟合曲线上的点</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>擦除</translation>
    </message>
    <message>
        <source>Drag over points to remove them</source>
        <translation>拖过点以删除它们</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Remove every point, to draw your own data</source>
        <translation>删除所有点，以绘制自己的数据</translation>
    </message>
    <message>
        <source>The share of the points trained on; the others are held out to test (the same for every run, from the seed). 100 %: no test set.</source>
        <extracomment>How each feature reads on its toggle, and the end of its objectName.</extracomment>
        <translation>用于训练的点所占比例；其余的点留作测试（每次训练都相同，由种子决定）。100 %：没有测试集。</translation>
    </message>
    <message>
        <source>The units of each hidden layer, first to last: 16, 8, 4 (1 to 8 layers of 1 to 256 units)</source>
        <translation>每个隐藏层的单元数，从第一层到最后一层：16, 8, 4（1 到 8 层，每层 1 到 256 个单元）</translation>
    </message>
    <message>
        <source>Input feature %1</source>
        <translation>输入特征 %1</translation>
    </message>
    <message>
        <source>What the network sees of each point: its coordinates, their squares, their product, their sines (as in TensorFlow Playground)</source>
        <translation>网络看到的每个点的内容：它的坐标、坐标的平方、乘积和正弦（与 TensorFlow Playground 相同）</translation>
    </message>
    <message>
        <source>L1 rate: adds rate × Σ|w| to the loss; can change while training</source>
        <translation>L1 系数：在损失上加上 系数 × Σ|w|；训练中可以更改</translation>
    </message>
    <message>
        <source>L2 rate: adds rate × Σw² to the loss; can change while training</source>
        <translation>L2 系数：在损失上加上 系数 × Σw²；训练中可以更改</translation>
    </message>
    <message>
        <source>Hidden layers: 1 to 8 whole numbers from 1 to 256, one per layer, as in 16, 8, 4</source>
        <translation>隐藏层：1 到 8 个 1 到 256 之间的整数，每层一个，例如 16, 8, 4</translation>
    </message>
    <message>
        <source>Choose at least one input feature</source>
        <translation>请至少选择一个输入特征</translation>
    </message>
    <message>
        <source>The run whose network is drawn</source>
        <extracomment>Shortest time between two pictures while training. Pixels per side of a unit&apos;s picture (2-D inputs). Multiply-adds of a picture computed on the GUI thread (about a millisecond); a larger network&apos;s are computed on the worker. The least height of a tile, in pixels: a low plot shows fewer units of each layer. Hover distance to a link, in pixels.</extracomment>
        <translation>要绘制其网络的那次训练</translation>
    </message>
    <message>
        <source>Network of:</source>
        <translation>网络：</translation>
    </message>
    <message>
        <source>Each tile is a unit&apos;s output over the data&apos;s box (for 1-D data, along x); each hidden layer and each input feature has its own colour scale. Links are the weights between the units shown, wider when larger. Hover over a link for its weight, over a tile for the unit&apos;s output there.</source>
        <translation>每个小图是一个单元在数据范围上的输出（一维数据则沿 x 轴）；每个隐藏层和每个输入特征都有自己的颜色刻度。连线是所示单元之间的权重，越大越宽。指向连线可看其权重，指向小图可看该单元在该处的输出。</translation>
    </message>
    <message>
        <source>Unit outputs: salmon &lt; 0 &lt; teal, each layer on its own scale (point at a unit for its values). Weights: teal &gt; 0 &gt; salmon.</source>
        <extracomment>The last hover&apos;s text (&quot;&quot; when over nothing): what the tooltip shows.</extracomment>
        <translation>单元输出：鲑红 &lt; 0 &lt; 青绿，每层有自己的刻度（指向单元可看其数值）。权重：青绿 &gt; 0 &gt; 鲑红。</translation>
    </message>
    <message>
        <source>Unit outputs: each layer on its own scale (point at a unit for its values). Weights: teal &gt; 0 &gt; salmon.</source>
        <translation>单元输出：每层有自己的刻度（指向单元可看其数值）。权重：青绿 &gt; 0 &gt; 鲑红。</translation>
    </message>
    <message>
        <source>%1 → %2
weight %3</source>
        <translation>%1 → %2
权重 %3</translation>
    </message>
    <message>
        <source>%1
%2 at %3</source>
        <translation>%1
在 %3 处为 %2</translation>
    </message>
    <message>
        <source>class %1</source>
        <extracomment>Link widths by |w| / the largest shown |w| (four buckets), in line widths, and alphas. How far a negative value&apos;s colour is darkened on a light background.</extracomment>
        <translation>类别 %1</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>layer %1 · unit %2</source>
        <translation>第 %1 层 · 单元 %2</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>layer %1
%2 units</source>
        <translation>第 %1 层
%2 个单元</translation>
    </message>
    <message>
        <source>layer %1
1 unit</source>
        <translation>第 %1 层
1 个单元</translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation>另有 %1 个</translation>
    </message>
</context>
<context>
    <name>actgui.data</name>
    <message>
        <source>Classic sigmoid-like</source>
        <translation>经典 S 形</translation>
    </message>
    <message>
        <source>ReLU family</source>
        <translation>ReLU 家族</translation>
    </message>
    <message>
        <source>Exponential linear</source>
        <translation>指数线性</translation>
    </message>
    <message>
        <source>Smooth gated (GELU, SiLU, Mish…)</source>
        <translation>光滑门控（GELU、SiLU、Mish…）</translation>
    </message>
    <message>
        <source>Hard / piecewise</source>
        <translation>硬截断 / 分段线性</translation>
    </message>
    <message>
        <source>Shrinkage</source>
        <translation>收缩</translation>
    </message>
    <message>
        <source>Beyond PyTorch</source>
        <translation>PyTorch 之外</translation>
    </message>
    <message>
        <source>Your own</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>if</source>
        <translation>若</translation>
    </message>
    <message>
        <source>otherwise</source>
        <translation>其他情况</translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <source>σ(x) = 1 / (1 + e^(−x)); squashes to (0, 1).</source>
        <translation>σ(x) = 1 / (1 + e^(−x))；把输入压缩到 (0, 1)。</translation>
    </message>
    <message>
        <source>The logistic function maps any real input smoothly into (0, 1), which reads naturally as a probability or a firing rate.</source>
        <translation>Logistic 函数把任意实数平滑地映射到 (0, 1)，可以自然地理解为概率或神经元的放电率。</translation>
    </message>
    <message>
        <source>Smooth everywhere, bounded, with a simple derivative; the right output for a binary probability (logistic regression, gates in LSTMs).</source>
        <translation>处处光滑、有界、导数形式简单；是二分类概率输出的合适选择（逻辑回归、LSTM 中的门）。</translation>
    </message>
    <message>
        <source>Its slope is at most 0.25 and falls towards 0 for |x| beyond about 5, so gradients shrink at every layer they pass (vanishing gradients). Outputs are always positive, not zero-centred, which makes the weight updates of the next layer share one sign and zig-zag. exp costs more than a comparison.</source>
        <translation>斜率最大只有 0.25，当 |x| 超过约 5 时几乎为 0，梯度每经过一层都会缩小（梯度消失）。输出总为正，不是零中心的，使下一层权重的更新同号，呈锯齿状前进。指数运算也比比较运算昂贵。</translation>
    </message>
    <message>
        <source>Output layers for binary or multi-label probabilities and gating units; rarely hidden layers of deep networks today.</source>
        <translation>二分类或多标签概率的输出层以及门控单元；如今很少用于深层网络的隐藏层。</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>Hyperbolic tangent; zero-centred, squashes to (−1, 1).</source>
        <translation>双曲正切；零中心，把输入压缩到 (−1, 1)。</translation>
    </message>
    <message>
        <source>A rescaled sigmoid, symmetric about the origin, mapping the line into (−1, 1).</source>
        <translation>重新缩放的 sigmoid，关于原点对称，把实数轴映射到 (−1, 1)。</translation>
    </message>
    <message>
        <source>Zero-centred outputs (mean near 0 for symmetric inputs), and a slope of 1 at 0, four times the sigmoid&apos;s; smooth and bounded.</source>
        <translation>输出零中心（对称输入时均值接近 0），在 0 处斜率为 1，是 sigmoid 的四倍；光滑且有界。</translation>
    </message>
    <message>
        <source>Still saturates: for |x| beyond about 3 the slope is nearly 0, so deep stacks suffer vanishing gradients.</source>
        <translation>仍然会饱和：|x| 超过约 3 时斜率几乎为 0，深层堆叠时会出现梯度消失。</translation>
    </message>
    <message>
        <source>Recurrent networks (LSTM/GRU cell state), small networks, and wherever a bounded, signed output is wanted.</source>
        <translation>循环网络（LSTM/GRU 的细胞状态）、小型网络，以及需要有界、带符号输出的场合。</translation>
    </message>
    <message>
        <source>LogSigmoid</source>
        <translation>LogSigmoid</translation>
    </message>
    <message>
        <source>log σ(x) = −softplus(−x); negative, linear for x → −∞.</source>
        <translation>log σ(x) = −softplus(−x)；恒为负，x → −∞ 时趋于线性。</translation>
    </message>
    <message>
        <source>The logarithm of the sigmoid: a smooth version of min(0, x).</source>
        <translation>sigmoid 的对数：min(0, x) 的一个光滑版本。</translation>
    </message>
    <message>
        <source>Numerically stable building block for log-likelihoods: log σ(x) without computing σ(x) and taking a log of a number that has underflowed.</source>
        <translation>计算对数似然时数值稳定：直接得到 log σ(x)，而不必先算出已经下溢的 σ(x) 再取对数。</translation>
    </message>
    <message>
        <source>Unbounded below and always negative; as a hidden activation it brings little.</source>
        <translation>下方无界且恒为负；作为隐藏层激活函数用处不大。</translation>
    </message>
    <message>
        <source>Loss functions (binary cross-entropy in log space, negative sampling in word2vec).</source>
        <translation>损失函数（对数空间中的二元交叉熵、word2vec 的负采样）。</translation>
    </message>
    <message>
        <source>Softsign</source>
        <translation>Softsign</translation>
    </message>
    <message>
        <source>x / (1 + |x|); like tanh but with polynomial, slower saturation.</source>
        <translation>x / (1 + |x|)；形状类似 tanh，但以多项式速度、更缓慢地饱和。</translation>
    </message>
    <message>
        <source>A tanh-like squashing function built from a division instead of exponentials.</source>
        <translation>用除法而不是指数构造的类 tanh 压缩函数。</translation>
    </message>
    <message>
        <source>Cheap; zero-centred; approaches its bounds polynomially, so it saturates more slowly than tanh.</source>
        <translation>计算便宜；零中心；以多项式速度逼近边界，所以比 tanh 饱和得更慢。</translation>
    </message>
    <message>
        <source>Still saturates; its second derivative jumps at 0 (C¹ only).</source>
        <translation>仍然会饱和；二阶导数在 0 处跳变（只有 C¹）。</translation>
    </message>
    <message>
        <source>An occasional alternative to tanh; rare in modern architectures.</source>
        <translation>偶尔作为 tanh 的替代；在现代网络结构中很少见。</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>max(0, x); PyTorch uses f′(0) = 0.</source>
        <translation>max(0, x)；PyTorch 取 f′(0) = 0。</translation>
    </message>
    <message>
        <source>PyTorch takes 0 at the kink</source>
        <translation>PyTorch 在折点处取 0</translation>
    </message>
    <message>
        <source>Passes positive inputs unchanged and replaces negative ones by zero: the simplest non-linearity that is still piecewise linear.</source>
        <translation>正输入原样通过，负输入置为零：仍然是分段线性的最简单非线性。</translation>
    </message>
    <message>
        <source>Very cheap (a comparison). The gradient is exactly 1 for every active unit, so it does not shrink through depth the way sigmoid and tanh gradients do; this is what made deep networks trainable. Roughly half the units output exactly 0, a sparse representation.</source>
        <translation>非常便宜（一次比较）。对每个激活的单元梯度恰好为 1，因此不会像 sigmoid 和 tanh 那样随深度缩小；正是这一点让深层网络变得可训练。大约一半单元输出恰好为 0，形成稀疏表示。</translation>
    </message>
    <message>
        <source>A unit whose input stays negative gets zero gradient and may never recover (the &apos;dying ReLU&apos; problem, e.g. after a large update or with a high learning rate). Outputs are non-negative, not zero-centred. Not differentiable at 0.</source>
        <translation>若某个单元的输入一直为负，它的梯度为零，可能再也无法恢复（“死亡 ReLU”问题，例如一次大的更新或学习率过高之后）。输出非负，不是零中心的。在 0 处不可导。</translation>
    </message>
    <message>
        <source>The default hidden activation of convolutional and fully connected networks.</source>
        <translation>卷积网络和全连接网络默认的隐藏层激活函数。</translation>
    </message>
    <message>
        <source>Leaky ReLU</source>
        <translation>Leaky ReLU</translation>
    </message>
    <message>
        <source>x for x &gt; 0, αx otherwise; PyTorch uses f′(0) = α.</source>
        <translation>x &gt; 0 时为 x，否则为 αx；PyTorch 取 f′(0) = α。</translation>
    </message>
    <message>
        <source>α</source>
        <translation>α</translation>
    </message>
    <message>
        <source>Slope for x &lt; 0 (PyTorch: negative_slope).</source>
        <translation>x &lt; 0 时的斜率（PyTorch：negative_slope）。</translation>
    </message>
    <message>
        <source>α at the kink in PyTorch</source>
        <translation>PyTorch 在折点处取 α</translation>
    </message>
    <message>
        <source>A ReLU with a small fixed slope α (typically 0.01) for negative inputs.</source>
        <translation>对负输入保留一个固定小斜率 α（通常为 0.01）的 ReLU。</translation>
    </message>
    <message>
        <source>Negative inputs still pass a small gradient, so units cannot die the way ReLU units can; almost as cheap as ReLU.</source>
        <translation>负输入仍然能传递小梯度，因此单元不会像 ReLU 那样死亡；计算几乎和 ReLU 一样便宜。</translation>
    </message>
    <message>
        <source>α is one more hyper-parameter, and the small negative slope gives only a weak signal; improvements over ReLU are often small and task-dependent.</source>
        <translation>α 是又一个超参数，负区间的小斜率只提供微弱的信号；相对 ReLU 的改进往往不大，且依赖任务。</translation>
    </message>
    <message>
        <source>Drop-in replacement for ReLU where dead units are a concern, e.g. GAN discriminators.</source>
        <translation>在担心出现死亡单元时替代 ReLU，例如 GAN 的判别器。</translation>
    </message>
    <message>
        <source>PReLU</source>
        <translation>PReLU</translation>
    </message>
    <message>
        <source>Leaky ReLU whose slope α is learned; PyTorch uses f′(0) = α.</source>
        <translation>斜率 α 可学习的 Leaky ReLU；PyTorch 取 f′(0) = α。</translation>
    </message>
    <message>
        <source>Learned slope for x &lt; 0 (PyTorch: weight).</source>
        <translation>学习得到的 x &lt; 0 时的斜率（PyTorch：weight）。</translation>
    </message>
    <message>
        <source>Leaky ReLU whose negative slope α is a parameter learned by gradient descent along with the weights (per network or per channel).</source>
        <translation>负区间斜率 α 作为参数，与权重一起通过梯度下降学习（整个网络共享一个或每个通道一个）。</translation>
    </message>
    <message>
        <source>The data choose the slope, so the layer can be close to ReLU or close to linear as needed; it adds very few parameters.</source>
        <translation>由数据决定斜率，这一层可以按需接近 ReLU 或接近线性；增加的参数极少。</translation>
    </message>
    <message>
        <source>The extra parameters can overfit small data sets; weight decay should usually not be applied to α. Slightly more work than a fixed leak.</source>
        <translation>额外的参数在小数据集上可能过拟合；通常不应对 α 施加权重衰减。比固定斜率多一点计算。</translation>
    </message>
    <message>
        <source>Image classification networks (it was introduced with a very deep ImageNet model); anywhere Leaky ReLU helps and the slope is not known in advance.</source>
        <translation>图像分类网络（它随一个很深的 ImageNet 模型一起提出）；凡是 Leaky ReLU 有帮助而斜率事先未知的场合。</translation>
    </message>
    <message>
        <source>RReLU</source>
        <translation>RReLU</translation>
    </message>
    <message>
        <source>Randomized Leaky ReLU. In training the slope for x &lt; 0 is drawn from [lower, upper] (shaded); in evaluation it is their mean, drawn here.</source>
        <translation>随机化 Leaky ReLU。训练时负区间斜率从 [lower, upper] 中随机抽取（阴影区域）；评估时取两者的平均值，即这里画出的曲线。</translation>
    </message>
    <message>
        <source>lower</source>
        <translation>下限</translation>
    </message>
    <message>
        <source>Smallest random slope for x &lt; 0.</source>
        <translation>x &lt; 0 时随机斜率的最小值。</translation>
    </message>
    <message>
        <source>upper</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Largest random slope for x &lt; 0.</source>
        <translation>x &lt; 0 时随机斜率的最大值。</translation>
    </message>
    <message>
        <source>a ~ U(lower, upper) in training, (lower + upper)/2 in evaluation</source>
        <translation>训练时 a ~ U(lower, upper)，评估时取 (lower + upper)/2</translation>
    </message>
    <message>
        <source>Randomized Leaky ReLU: during training each negative slope is drawn at random from [lower, upper] (the shaded band); at evaluation the mean slope is used.</source>
        <translation>随机化的 Leaky ReLU：训练时每个负斜率从 [lower, upper]（阴影带）中随机抽取；评估时使用平均斜率。</translation>
    </message>
    <message>
        <source>The random slope acts as a regulariser, like a little noise injected for negative inputs.</source>
        <translation>随机斜率起正则化作用，相当于对负输入注入少量噪声。</translation>
    </message>
    <message>
        <source>Training is stochastic and evaluation differs from training; two extra hyper-parameters.</source>
        <translation>训练是随机的，评估与训练不同；多了两个超参数。</translation>
    </message>
    <message>
        <source>Small image-classification benchmarks where it was reported to reduce overfitting.</source>
        <translation>在小型图像分类基准上据报道能减轻过拟合。</translation>
    </message>
    <message>
        <source>ReLU6</source>
        <translation>ReLU6</translation>
    </message>
    <message>
        <source>min(max(0, x), 6); PyTorch uses f′ = 0 at both kinks.</source>
        <translation>min(max(0, x), 6)；PyTorch 在两个折点处都取 f′ = 0。</translation>
    </message>
    <message>
        <source>A ReLU capped at 6.</source>
        <translation>上限为 6 的 ReLU。</translation>
    </message>
    <message>
        <source>The bounded range suits low-precision (fixed-point, 8-bit) inference.</source>
        <translation>有界的取值范围适合低精度（定点、8 位）推理。</translation>
    </message>
    <message>
        <source>Zero gradient both below 0 and above 6.</source>
        <translation>在 0 以下和 6 以上梯度都为零。</translation>
    </message>
    <message>
        <source>Mobile networks (MobileNet v1/v2).</source>
        <translation>移动端网络（MobileNet v1/v2）。</translation>
    </message>
    <message>
        <source>ELU</source>
        <translation>ELU</translation>
    </message>
    <message>
        <source>x for x &gt; 0, α(eˣ − 1) otherwise; PyTorch uses f′(0) = α, f″(0) = 0.</source>
        <translation>x &gt; 0 时为 x，否则为 α(eˣ − 1)；PyTorch 取 f′(0) = α，f″(0) = 0。</translation>
    </message>
    <message>
        <source>Value approached as x → −∞ is −α.</source>
        <translation>x → −∞ 时趋近的值为 −α。</translation>
    </message>
    <message>
        <source>f′(0) = α and f″(0) = 0 in PyTorch</source>
        <translation>PyTorch 中 f′(0) = α，f″(0) = 0</translation>
    </message>
    <message>
        <source>Exponential Linear Unit: linear for positive inputs, an exponential that saturates to −α for negative ones.</source>
        <translation>指数线性单元：正输入为线性，负输入为饱和于 −α 的指数曲线。</translation>
    </message>
    <message>
        <source>Negative outputs pull the mean activation towards zero, which speeds learning; negative inputs keep a non-zero gradient, so units do not die; with α = 1 it is smooth at 0 (C¹).</source>
        <translation>负输出把平均激活拉向零，加快学习；负输入仍有非零梯度，单元不会死亡；α = 1 时在 0 处光滑（C¹）。</translation>
    </message>
    <message>
        <source>exp costs more than ReLU; for α ≠ 1 the derivative jumps at 0.</source>
        <translation>指数运算比 ReLU 昂贵；α ≠ 1 时导数在 0 处跳变。</translation>
    </message>
    <message>
        <source>Deep feed-forward and convolutional networks as an alternative to ReLU.</source>
        <translation>深层前馈网络和卷积网络中 ReLU 的替代。</translation>
    </message>
    <message>
        <source>SELU</source>
        <translation>SELU</translation>
    </message>
    <message>
        <source>λ·ELU(x, α) with λ ≈ 1.0507, α ≈ 1.6733, chosen so activations keep zero mean and unit variance through a deep stack (self-normalising).</source>
        <translation>λ·ELU(x, α)，λ ≈ 1.0507，α ≈ 1.6733，常数的选取使激活值在深层堆叠中保持零均值、单位方差（自归一化）。</translation>
    </message>
    <message>
        <source>Scaled ELU with constants chosen so that, with suitable initialisation (LeCun normal), activations converge to zero mean and unit variance layer after layer: a self-normalising network.</source>
        <translation>缩放的 ELU，其常数的选取使得在合适的初始化（LeCun 正态）下，激活值逐层收敛到零均值和单位方差：自归一化网络。</translation>
    </message>
    <message>
        <source>Deep fully connected networks train without batch normalisation.</source>
        <translation>深层全连接网络无需批归一化即可训练。</translation>
    </message>
    <message>
        <source>The guarantee needs the prescribed initialisation and alpha-dropout; the derivative jumps at 0.</source>
        <translation>这一保证需要规定的初始化和 alpha-dropout；导数在 0 处跳变。</translation>
    </message>
    <message>
        <source>Self-normalising fully connected networks.</source>
        <translation>自归一化的全连接网络。</translation>
    </message>
    <message>
        <source>CELU</source>
        <translation>CELU</translation>
    </message>
    <message>
        <source>x for x &gt; 0, α(e^(x/α) − 1) otherwise: continuously differentiable ELU.</source>
        <translation>x &gt; 0 时为 x，否则为 α(e^(x/α) − 1)：连续可导的 ELU。</translation>
    </message>
    <message>
        <source>Scale of the negative branch; &gt; 0.</source>
        <translation>负分支的尺度；&gt; 0。</translation>
    </message>
    <message>
        <source>Continuously differentiable ELU: the input of the exponential is divided by α, so the slope at 0 is 1 from both sides for every α.</source>
        <translation>连续可导的 ELU：指数的输入除以 α，因此对任意 α，0 处两侧的斜率都是 1。</translation>
    </message>
    <message>
        <source>C¹ for every α &gt; 0, unlike ELU; same zero-mean benefit.</source>
        <translation>与 ELU 不同，对任意 α &gt; 0 都是 C¹；同样有零均值的好处。</translation>
    </message>
    <message>
        <source>f″ still jumps at 0; exp cost.</source>
        <translation>f″ 在 0 处仍然跳变；指数运算的开销。</translation>
    </message>
    <message>
        <source>Where ELU is used and α is to be tuned without breaking smoothness.</source>
        <translation>在使用 ELU 且需要调节 α 而不破坏光滑性的场合。</translation>
    </message>
    <message>
        <source>GELU</source>
        <translation>GELU</translation>
    </message>
    <message>
        <source>x·Φ(x), Φ the standard normal CDF (exact form); used in BERT and GPT.</source>
        <translation>x·Φ(x)，Φ 为标准正态分布的累积分布函数（精确形式）；用于 BERT 和 GPT。</translation>
    </message>
    <message>
        <source>Φ the standard normal CDF</source>
        <translation>Φ 为标准正态分布的累积分布函数</translation>
    </message>
    <message>
        <source>Gaussian Error Linear Unit: weights the input by the probability that a standard normal variable is below it, a smooth, probabilistic ReLU.</source>
        <translation>高斯误差线性单元：用“标准正态随机变量小于输入”的概率来加权输入，是一种光滑的、概率化的 ReLU。</translation>
    </message>
    <message>
        <source>Smooth everywhere; dips slightly below zero (minimum ≈ −0.17), which empirically helps large models.</source>
        <translation>处处光滑；略微下探到零以下（最小值约 −0.17），经验上对大模型有帮助。</translation>
    </message>
    <message>
        <source>Costlier than ReLU (erf); non-monotonic.</source>
        <translation>比 ReLU 昂贵（需要 erf）；非单调。</translation>
    </message>
    <message>
        <source>Transformers: BERT, GPT and most of their successors.</source>
        <translation>Transformer：BERT、GPT 以及它们的大多数后继者。</translation>
    </message>
    <message>
        <source>GELU (tanh)</source>
        <translation>GELU（tanh 近似）</translation>
    </message>
    <message>
        <source>PyTorch&apos;s approximate=&apos;tanh&apos;: ½x(1 + tanh(√(2/π)(x + 0.044715x³))).</source>
        <translation>PyTorch 的 approximate=&apos;tanh&apos;：½x(1 + tanh(√(2/π)(x + 0.044715x³)))。</translation>
    </message>
    <message>
        <source>see the exact GELU; the difference is below 0.001 everywhere</source>
        <translation>见精确 GELU；两者处处相差不到 0.001</translation>
    </message>
    <message>
        <source>The tanh approximation of GELU, PyTorch&apos;s approximate=&apos;tanh&apos;.</source>
        <translation>GELU 的 tanh 近似，即 PyTorch 的 approximate=&apos;tanh&apos;。</translation>
    </message>
    <message>
        <source>Avoids erf; matches published GPT-2 weights exactly.</source>
        <translation>避免了 erf；与已发布的 GPT-2 权重完全一致。</translation>
    </message>
    <message>
        <source>An approximation; on modern hardware the exact form is usually as fast.</source>
        <translation>只是近似；在现代硬件上精确形式通常一样快。</translation>
    </message>
    <message>
        <source>Reproducing models trained with the approximation (GPT-2, BERT&apos;s original code).</source>
        <translation>复现用该近似训练的模型（GPT-2、BERT 的原始代码）。</translation>
    </message>
    <message>
        <source>SiLU</source>
        <translation>SiLU</translation>
    </message>
    <message>
        <source>x·σ(x) (also called Swish-1); smooth, non-monotonic, dips to ≈ −0.278.</source>
        <translation>x·σ(x)（也称 Swish-1）；光滑、非单调，最低下探到约 −0.278。</translation>
    </message>
    <message>
        <source>Sigmoid-weighted linear unit (Swish with β = 1): the input gated by its own sigmoid.</source>
        <translation>Sigmoid 加权线性单元（β = 1 的 Swish）：输入被它自己的 sigmoid 门控。</translation>
    </message>
    <message>
        <source>Smooth, non-monotonic, unbounded above and bounded below; often trains slightly better than ReLU in deep networks.</source>
        <translation>光滑、非单调，上方无界、下方有界；在深层网络中常比 ReLU 训练得略好。</translation>
    </message>
    <message>
        <source>Costs a sigmoid per unit; non-monotonic (minimum ≈ −0.278).</source>
        <translation>每个单元要计算一次 sigmoid；非单调（最小值约 −0.278）。</translation>
    </message>
    <message>
        <source>EfficientNet, YOLOv5+, many vision and language models.</source>
        <translation>EfficientNet、YOLOv5 及之后的版本，以及许多视觉和语言模型。</translation>
    </message>
    <message>
        <source>Mish</source>
        <translation>Mish</translation>
    </message>
    <message>
        <source>x·tanh(softplus(x)); smooth, non-monotonic, dips to ≈ −0.309.</source>
        <translation>x·tanh(softplus(x))；光滑、非单调，最低下探到约 −0.309。</translation>
    </message>
    <message>
        <source>A self-gated smooth activation similar to SiLU, with a slightly deeper dip (minimum ≈ −0.309).</source>
        <translation>与 SiLU 类似的自门控光滑激活函数，下探略深（最小值约 −0.309）。</translation>
    </message>
    <message>
        <source>Smooth, non-monotonic; reported gains in object detection.</source>
        <translation>光滑、非单调；据报道在目标检测中有提升。</translation>
    </message>
    <message>
        <source>Three transcendental functions per unit.</source>
        <translation>每个单元需要三个超越函数。</translation>
    </message>
    <message>
        <source>YOLOv4 and some detection backbones.</source>
        <translation>YOLOv4 和一些检测骨干网络。</translation>
    </message>
    <message>
        <source>Softplus</source>
        <translation>Softplus</translation>
    </message>
    <message>
        <source>log(1 + e^(βx))/β, a smooth ReLU; PyTorch switches to x where βx &gt; threshold.</source>
        <translation>log(1 + e^(βx))/β，光滑的 ReLU；当 βx &gt; threshold 时 PyTorch 改为返回 x。</translation>
    </message>
    <message>
        <source>β</source>
        <translation>β</translation>
    </message>
    <message>
        <source>Sharpness: log(1 + e^(βx))/β.</source>
        <translation>陡峭程度：log(1 + e^(βx))/β。</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Above βx = threshold PyTorch returns x itself.</source>
        <translation>βx 超过 threshold 时 PyTorch 直接返回 x。</translation>
    </message>
    <message>
        <source>A smooth approximation of ReLU; β sets how sharp the corner is. PyTorch returns x itself where βx &gt; threshold, for numerical stability.</source>
        <translation>ReLU 的光滑近似；β 决定拐角的尖锐程度。为了数值稳定，PyTorch 在 βx &gt; threshold 处直接返回 x。</translation>
    </message>
    <message>
        <source>Smooth and strictly positive; its derivative is the sigmoid.</source>
        <translation>光滑且严格为正；它的导数就是 sigmoid。</translation>
    </message>
    <message>
        <source>Never exactly zero (no sparsity); costlier than ReLU; the threshold switch leaves a tiny step.</source>
        <translation>从不恰好为零（没有稀疏性）；比 ReLU 昂贵；阈值切换处留下一个极小的台阶。</translation>
    </message>
    <message>
        <source>Where a positive output is required: variances and scales in probabilistic models.</source>
        <translation>需要正输出的地方：概率模型中的方差和尺度。</translation>
    </message>
    <message>
        <source>Hardtanh</source>
        <translation>Hardtanh</translation>
    </message>
    <message>
        <source>x clipped to [min, max]; PyTorch uses f′ = 0 at both kinks.</source>
        <translation>把 x 截断到 [min, max]；PyTorch 在两个折点处都取 f′ = 0。</translation>
    </message>
    <message>
        <source>min</source>
        <translation>最小</translation>
    </message>
    <message>
        <source>Lower clipping value.</source>
        <translation>下截断值。</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>Upper clipping value.</source>
        <translation>上截断值。</translation>
    </message>
    <message>
        <source>tanh replaced by its piecewise-linear outline: identity between the two clipping values.</source>
        <translation>把 tanh 换成它的分段线性轮廓：在两个截断值之间为恒等映射。</translation>
    </message>
    <message>
        <source>Very cheap; bounded; zero-centred for symmetric limits.</source>
        <translation>非常便宜；有界；对称的上下限时零中心。</translation>
    </message>
    <message>
        <source>Zero gradient outside [min, max].</source>
        <translation>在 [min, max] 之外梯度为零。</translation>
    </message>
    <message>
        <source>Embedded and quantised networks; bounding activations.</source>
        <translation>嵌入式与量化网络；限制激活值的范围。</translation>
    </message>
    <message>
        <source>Hardsigmoid</source>
        <translation>Hardsigmoid</translation>
    </message>
    <message>
        <source>Piecewise-linear sigmoid: clip(x/6 + ½, 0, 1); used in MobileNetV3.</source>
        <translation>分段线性的 sigmoid：clip(x/6 + ½, 0, 1)；用于 MobileNetV3。</translation>
    </message>
    <message>
        <source>A piecewise-linear sigmoid.</source>
        <translation>分段线性的 sigmoid。</translation>
    </message>
    <message>
        <source>Cheap to compute and to quantise.</source>
        <translation>计算和量化都很便宜。</translation>
    </message>
    <message>
        <source>Zero gradient beyond ±3.</source>
        <translation>超出 ±3 后梯度为零。</translation>
    </message>
    <message>
        <source>MobileNetV3 (squeeze-and-excitation gates).</source>
        <translation>MobileNetV3（挤压-激励门）。</translation>
    </message>
    <message>
        <source>Hardswish</source>
        <translation>Hardswish</translation>
    </message>
    <message>
        <source>x·hardsigmoid(x), a cheap SiLU; PyTorch uses f′(−3) = 0, f′(3) = 1.</source>
        <translation>x·hardsigmoid(x)，廉价的 SiLU；PyTorch 取 f′(−3) = 0，f′(3) = 1。</translation>
    </message>
    <message>
        <source>SiLU with the sigmoid replaced by the hard sigmoid.</source>
        <translation>把 SiLU 中的 sigmoid 换成 hard sigmoid。</translation>
    </message>
    <message>
        <source>Keeps most of SiLU&apos;s benefit at a fraction of the cost on mobile hardware.</source>
        <translation>在移动端硬件上以很小的代价保留了 SiLU 的大部分好处。</translation>
    </message>
    <message>
        <source>The derivative jumps at ±3; non-monotonic.</source>
        <translation>导数在 ±3 处跳变；非单调。</translation>
    </message>
    <message>
        <source>MobileNetV3.</source>
        <translation>MobileNetV3。</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值 Threshold</translation>
    </message>
    <message>
        <source>x where x &gt; threshold, otherwise a constant value: a jump unless equal.</source>
        <translation>x &gt; threshold 时为 x，否则为常数 value：除非两者相等，否则有跳变。</translation>
    </message>
    <message>
        <source>x is kept above this.</source>
        <translation>大于该值的 x 保持不变。</translation>
    </message>
    <message>
        <source>value</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>Output at or below threshold.</source>
        <translation>不大于阈值时的输出。</translation>
    </message>
    <message>
        <source>Keeps inputs above a threshold and replaces the rest by a constant.</source>
        <translation>保留大于阈值的输入，其余替换为一个常数。</translation>
    </message>
    <message>
        <source>Generalises ReLU (threshold = value = 0).</source>
        <translation>是 ReLU 的推广（threshold = value = 0）。</translation>
    </message>
    <message>
        <source>A jump unless value equals threshold; zero gradient below.</source>
        <translation>除非 value 等于 threshold，否则有跳变；阈值以下梯度为零。</translation>
    </message>
    <message>
        <source>Rarely as an activation; a utility layer.</source>
        <translation>很少作为激活函数；更多是一个工具层。</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>恒等</translation>
    </message>
    <message>
        <source>f(x) = x: no non-linearity (a linear layer), for comparison.</source>
        <translation>f(x) = x：没有非线性（即线性层），用于对比。</translation>
    </message>
    <message>
        <source>No non-linearity at all.</source>
        <translation>完全没有非线性。</translation>
    </message>
    <message>
        <source>A reference for comparison; exact gradient flow.</source>
        <translation>作为对比的参照；梯度精确地原样传递。</translation>
    </message>
    <message>
        <source>A stack of linear layers is still one linear map: it cannot learn non-linear functions.</source>
        <translation>线性层堆叠起来仍然只是一个线性映射：无法学习非线性函数。</translation>
    </message>
    <message>
        <source>Output layers of regression models; residual shortcuts.</source>
        <translation>回归模型的输出层；残差连接的捷径。</translation>
    </message>
    <message>
        <source>Softshrink</source>
        <translation>Softshrink</translation>
    </message>
    <message>
        <source>Soft thresholding: 0 on [−λ, λ], x ∓ λ outside (as in sparse coding).</source>
        <translation>软阈值：在 [−λ, λ] 上为 0，之外为 x ∓ λ（如稀疏编码中）。</translation>
    </message>
    <message>
        <source>λ</source>
        <translation>λ</translation>
    </message>
    <message>
        <source>Half-width of the zero band; x moves towards 0 by λ outside it.</source>
        <translation>零带的半宽；零带之外 x 向 0 移动 λ。</translation>
    </message>
    <message>
        <source>Soft thresholding: zero inside [−λ, λ], shifted towards zero outside.</source>
        <translation>软阈值：在 [−λ, λ] 内为零，之外向零收缩 λ。</translation>
    </message>
    <message>
        <source>Produces exact zeros (sparsity); the proximal operator of the L1 norm.</source>
        <translation>产生精确的零（稀疏性）；它是 L1 范数的近端算子。</translation>
    </message>
    <message>
        <source>Zero gradient inside the band.</source>
        <translation>在零带内梯度为零。</translation>
    </message>
    <message>
        <source>Sparse coding, unrolled optimisation networks (LISTA), denoising.</source>
        <translation>稀疏编码、展开的优化网络（LISTA）、去噪。</translation>
    </message>
    <message>
        <source>Hardshrink</source>
        <translation>Hardshrink</translation>
    </message>
    <message>
        <source>Hard thresholding: 0 on [−λ, λ], x outside; jumps at ±λ.</source>
        <translation>硬阈值：在 [−λ, λ] 上为 0，之外为 x；在 ±λ 处跳变。</translation>
    </message>
    <message>
        <source>Half-width of the zero band.</source>
        <translation>零带的半宽。</translation>
    </message>
    <message>
        <source>Hard thresholding: keeps inputs whose magnitude exceeds λ, zeroes the rest.</source>
        <translation>硬阈值：保留幅值超过 λ 的输入，其余置零。</translation>
    </message>
    <message>
        <source>Sparsity without shrinking large values.</source>
        <translation>获得稀疏性而不缩小大的值。</translation>
    </message>
    <message>
        <source>Jumps at ±λ.</source>
        <translation>在 ±λ 处跳变。</translation>
    </message>
    <message>
        <source>Sparse representations, wavelet-style denoising.</source>
        <translation>稀疏表示、小波式去噪。</translation>
    </message>
    <message>
        <source>Tanhshrink</source>
        <translation>Tanhshrink</translation>
    </message>
    <message>
        <source>x − tanh(x): flat (≈ x³/3) near 0, linear far out.</source>
        <translation>x − tanh(x)：在 0 附近平坦（≈ x³/3），远处为线性。</translation>
    </message>
    <message>
        <source>What is left of the identity after subtracting tanh: flat near 0 (≈ x³/3), linear far out.</source>
        <translation>恒等映射减去 tanh 后剩下的部分：在 0 附近平坦（≈ x³/3），远处为线性。</translation>
    </message>
    <message>
        <source>Smooth; suppresses small inputs.</source>
        <translation>光滑；抑制小的输入。</translation>
    </message>
    <message>
        <source>Tiny gradients near 0.</source>
        <translation>在 0 附近梯度极小。</translation>
    </message>
    <message>
        <source>Rare; some sparse-coding models.</source>
        <translation>很少见；某些稀疏编码模型。</translation>
    </message>
    <message>
        <source>Swish</source>
        <translation>Swish</translation>
    </message>
    <message>
        <source>x·σ(βx); β = 1 is SiLU, β → ∞ approaches ReLU.</source>
        <translation>x·σ(βx)；β = 1 即 SiLU，β → ∞ 时趋近 ReLU。</translation>
    </message>
    <message>
        <source>Gate sharpness: x·σ(βx).</source>
        <translation>门的陡峭程度：x·σ(βx)。</translation>
    </message>
    <message>
        <source>Found by automated search: the input gated by a sigmoid of itself; β interpolates between x/2 (β = 0) and ReLU (β → ∞).</source>
        <translation>由自动搜索发现：输入被它自身的 sigmoid 门控；β 在 x/2（β = 0）和 ReLU（β → ∞）之间插值。</translation>
    </message>
    <message>
        <source>Smooth, non-monotonic; matched or beat ReLU on ImageNet-scale models.</source>
        <translation>光滑、非单调；在 ImageNet 规模的模型上达到或超过 ReLU。</translation>
    </message>
    <message>
        <source>Costs a sigmoid; β is one more choice (β = 1 is SiLU).</source>
        <translation>需要计算 sigmoid；β 又是一个选择（β = 1 即 SiLU）。</translation>
    </message>
    <message>
        <source>Mobile and vision models (as SiLU).</source>
        <translation>移动端和视觉模型（以 SiLU 的形式）。</translation>
    </message>
    <message>
        <source>QuickGELU</source>
        <translation>QuickGELU</translation>
    </message>
    <message>
        <source>x·σ(1.702x), a fast approximation of GELU (used in OpenAI&apos;s CLIP).</source>
        <translation>x·σ(1.702x)，GELU 的快速近似（用于 OpenAI 的 CLIP）。</translation>
    </message>
    <message>
        <source>The sigmoid approximation of GELU given in the GELU paper.</source>
        <translation>GELU 论文中给出的 sigmoid 近似。</translation>
    </message>
    <message>
        <source>One sigmoid instead of erf.</source>
        <translation>只需一次 sigmoid，而不是 erf。</translation>
    </message>
    <message>
        <source>Differs from GELU by up to about 0.02; models trained with one should not be run with the other.</source>
        <translation>与 GELU 最多相差约 0.02；用其中一种训练的模型不应换用另一种运行。</translation>
    </message>
    <message>
        <source>OpenAI&apos;s CLIP.</source>
        <translation>OpenAI 的 CLIP。</translation>
    </message>
    <message>
        <source>Squareplus</source>
        <translation>Squareplus</translation>
    </message>
    <message>
        <source>(x + √(x² + b))/2: a softplus-like rectifier with only a square root.</source>
        <translation>(x + √(x² + b))/2：只需一次平方根的类 softplus 整流函数。</translation>
    </message>
    <message>
        <source>b</source>
        <translation>b</translation>
    </message>
    <message>
        <source>Curvature near 0; b → 0 gives ReLU.</source>
        <translation>0 附近的弯曲程度；b → 0 时成为 ReLU。</translation>
    </message>
    <message>
        <source>A softplus-like rectifier that needs only a square root; b sets the curvature at 0.</source>
        <translation>只需要平方根的类 softplus 整流函数；b 决定 0 处的弯曲程度。</translation>
    </message>
    <message>
        <source>Cheap and smooth; positive; no exp or log.</source>
        <translation>便宜且光滑；恒为正；不需要 exp 或 log。</translation>
    </message>
    <message>
        <source>Approaches 0 slowly (like b/(4|x|)) on the left.</source>
        <translation>在左侧以 b/(4|x|) 的速度缓慢趋近 0。</translation>
    </message>
    <message>
        <source>Where softplus is used and speed matters.</source>
        <translation>在使用 softplus 且重视速度的场合。</translation>
    </message>
    <message>
        <source>Bent identity</source>
        <translation>弯曲恒等</translation>
    </message>
    <message>
        <source>(√(x² + 1) − 1)/2 + x: identity bent upwards; slope between ½ and 3/2.</source>
        <translation>(√(x² + 1) − 1)/2 + x：向上弯曲的恒等映射；斜率介于 ½ 与 3/2 之间。</translation>
    </message>
    <message>
        <source>The identity bent upwards: slope ½ far left, 3/2 far right.</source>
        <translation>向上弯曲的恒等映射：左侧远处斜率为 ½，右侧远处为 3/2。</translation>
    </message>
    <message>
        <source>Smooth, monotonic, never saturates.</source>
        <translation>光滑、单调，从不饱和。</translation>
    </message>
    <message>
        <source>Unbounded on both sides; little evidence of benefit.</source>
        <translation>两侧均无界；几乎没有证据表明它有益。</translation>
    </message>
    <message>
        <source>Listed in surveys; rarely used in practice.</source>
        <translation>出现在综述中；实践中很少使用。</translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation>高斯</translation>
    </message>
    <message>
        <source>e^(−x²): a bump, the kernel of radial-basis-function networks.</source>
        <translation>e^(−x²)：一个鼓包，径向基函数网络的核。</translation>
    </message>
    <message>
        <source>A bump: responds to inputs near 0 only.</source>
        <translation>一个鼓包：只对 0 附近的输入有响应。</translation>
    </message>
    <message>
        <source>Local response, as in radial-basis-function networks.</source>
        <translation>局部响应，如同径向基函数网络。</translation>
    </message>
    <message>
        <source>Saturates on both sides; non-monotonic.</source>
        <translation>两侧都饱和；非单调。</translation>
    </message>
    <message>
        <source>RBF networks, some implicit neural representations.</source>
        <translation>RBF 网络，某些隐式神经表示。</translation>
    </message>
    <message>
        <source>Sinc</source>
        <translation>Sinc</translation>
    </message>
    <message>
        <source>sin(x)/x with sinc(0) = 1 (unnormalised; torch.sinc is sin(πx)/(πx)).</source>
        <translation>sin(x)/x，sinc(0) = 1（未归一化；torch.sinc 是 sin(πx)/(πx)）。</translation>
    </message>
    <message>
        <source>0 at x = 0</source>
        <translation>x = 0 处为 0</translation>
    </message>
    <message>
        <source>The cardinal sine: a decaying oscillation.</source>
        <translation>基数正弦：一个衰减的振荡。</translation>
    </message>
    <message>
        <source>Smooth; oscillation can represent periodic structure.</source>
        <translation>光滑；振荡可以表示周期结构。</translation>
    </message>
    <message>
        <source>Many local extrema; small gradients far out.</source>
        <translation>有许多局部极值；远处梯度很小。</translation>
    </message>
    <message>
        <source>Signal-processing inspired networks; a curiosity as a general activation.</source>
        <translation>受信号处理启发的网络；作为通用激活函数只是个趣例。</translation>
    </message>
    <message>
        <source>ISRU</source>
        <translation>ISRU</translation>
    </message>
    <message>
        <source>x/√(1 + αx²): inverse square root unit, a cheap tanh-like squashing.</source>
        <translation>x/√(1 + αx²)：逆平方根单元，一种廉价的类 tanh 压缩函数。</translation>
    </message>
    <message>
        <source>Saturation: outputs lie in ±1/√α.</source>
        <translation>饱和程度：输出位于 ±1/√α 之内。</translation>
    </message>
    <message>
        <source>Inverse square root unit: a tanh-like curve from a square root.</source>
        <translation>逆平方根单元：由平方根构造的类 tanh 曲线。</translation>
    </message>
    <message>
        <source>Cheaper than tanh on some hardware; bounded in ±1/√α.</source>
        <translation>在某些硬件上比 tanh 便宜；取值限定在 ±1/√α 之内。</translation>
    </message>
    <message>
        <source>Saturates like tanh.</source>
        <translation>像 tanh 一样会饱和。</translation>
    </message>
    <message>
        <source>Proposed for recurrent networks; rarely used.</source>
        <translation>曾为循环网络提出；很少使用。</translation>
    </message>
    <message>
        <source>SQNL</source>
        <translation>SQNL</translation>
    </message>
    <message>
        <source>Square non-linearity: x ∓ x²/4 on [−2, 2], ±1 outside; f″ jumps.</source>
        <translation>平方非线性：在 [−2, 2] 上为 x ∓ x²/4，之外为 ±1；f″ 有跳变。</translation>
    </message>
    <message>
        <source>on [−2, 2], 0 outside</source>
        <translation>在 [−2, 2] 上；其外为 0</translation>
    </message>
    <message>
        <source>A tanh-shaped square non-linearity: two parabola pieces and two constants.</source>
        <translation>tanh 形状的平方非线性：两段抛物线加两段常数。</translation>
    </message>
    <message>
        <source>No transcendental functions; C¹.</source>
        <translation>不需要超越函数；C¹。</translation>
    </message>
    <message>
        <source>Saturates exactly beyond ±2; f″ jumps.</source>
        <translation>超出 ±2 后完全饱和；f″ 有跳变。</translation>
    </message>
    <message>
        <source>Hardware-friendly tanh replacement.</source>
        <translation>硬件友好的 tanh 替代。</translation>
    </message>
    <message>
        <source>ArcTan</source>
        <translation>ArcTan</translation>
    </message>
    <message>
        <source>arctan(x): squashes to (−π/2, π/2), with slowly (1/x²) vanishing slope.</source>
        <translation>arctan(x)：压缩到 (−π/2, π/2)，斜率以 1/x² 缓慢消失。</translation>
    </message>
    <message>
        <source>The inverse tangent: a sigmoid-shaped curve with range (−π/2, π/2).</source>
        <translation>反正切：值域为 (−π/2, π/2) 的 S 形曲线。</translation>
    </message>
    <message>
        <source>Zero-centred; saturates more slowly (slope ~ 1/x²) than tanh.</source>
        <translation>零中心；比 tanh 饱和得更慢（斜率 ~ 1/x²）。</translation>
    </message>
    <message>
        <source>Still saturating.</source>
        <translation>仍然会饱和。</translation>
    </message>
    <message>
        <source>Occasional tanh alternative.</source>
        <translation>偶尔作为 tanh 的替代。</translation>
    </message>
    <message>
        <source>Snake</source>
        <translation>Snake</translation>
    </message>
    <message>
        <source>x + sin²(αx)/α: a rising ripple, for learning periodic functions.</source>
        <translation>x + sin²(αx)/α：带波纹的上升曲线，用于学习周期函数。</translation>
    </message>
    <message>
        <source>Frequency of the ripple; &gt; 0.</source>
        <translation>波纹的频率；&gt; 0。</translation>
    </message>
    <message>
        <source>The identity plus a periodic ripple, so networks can extrapolate periodic signals that ReLU or tanh networks cannot.</source>
        <translation>恒等映射加上周期性波纹，使网络能够外推周期信号，而 ReLU 或 tanh 网络做不到。</translation>
    </message>
    <message>
        <source>Monotonic (slope between 0 and 2), unbounded, periodic component.</source>
        <translation>单调（斜率介于 0 与 2 之间）、无界，并带有周期成分。</translation>
    </message>
    <message>
        <source>α must be chosen or learned; the slope touches 0 periodically.</source>
        <translation>α 需要选择或学习；斜率周期性地降到 0。</translation>
    </message>
    <message>
        <source>Audio synthesis (BigVGAN, DAC) and time series with periodic structure.</source>
        <translation>音频合成（BigVGAN、DAC）以及具有周期结构的时间序列。</translation>
    </message>
    <message>
        <source>LiSHT</source>
        <translation>LiSHT</translation>
    </message>
    <message>
        <source>x·tanh(x): linearly scaled tanh, non-negative and symmetric.</source>
        <translation>x·tanh(x)：线性缩放的 tanh，非负且对称。</translation>
    </message>
    <message>
        <source>Linearly scaled tanh: symmetric and non-negative.</source>
        <translation>线性缩放的 tanh：对称且非负。</translation>
    </message>
    <message>
        <source>Non-saturating for large |x|; smooth.</source>
        <translation>|x| 大时不饱和；光滑。</translation>
    </message>
    <message>
        <source>Not monotonic (decreasing for x &lt; 0); outputs are never negative.</source>
        <translation>非单调（x &lt; 0 时递减）；输出从不为负。</translation>
    </message>
    <message>
        <source>Proposed for image and sentiment classification; rare.</source>
        <translation>曾为图像和情感分类提出；很少见。</translation>
    </message>
    <message>
        <source>Binary step</source>
        <translation>二值阶跃</translation>
    </message>
    <message>
        <source>1 for x ≥ 0, else 0: the perceptron&apos;s unit; its slope is 0 wherever defined.</source>
        <translation>x ≥ 0 时为 1，否则为 0：感知机的单元；凡有定义处斜率都为 0。</translation>
    </message>
    <message>
        <source>undefined at 0</source>
        <translation>在 0 处无定义</translation>
    </message>
    <message>
        <source>The binary threshold unit of the perceptron and the McCulloch-Pitts neuron.</source>
        <translation>感知机和 McCulloch-Pitts 神经元中的二值阈值单元。</translation>
    </message>
    <message>
        <source>The simplest decision; historical importance.</source>
        <translation>最简单的决策；具有历史意义。</translation>
    </message>
    <message>
        <source>Zero derivative everywhere it exists: gradient descent cannot train it.</source>
        <translation>导数在有定义处处处为零：无法用梯度下降训练。</translation>
    </message>
    <message>
        <source>Perceptron learning rule, binarised networks with straight-through estimators.</source>
        <translation>感知机学习规则，以及使用直通估计器的二值化网络。</translation>
    </message>
</context>
<context>
    <name>actgui.messages</name>
    <message>
        <source>the key {key!r} must be a short identifier (letters, digits, _)</source>
        <translation>键 {key!r} 必须是简短的标识符（字母、数字、_）</translation>
    </message>
    <message>
        <source>the key {key!r} is taken by the formula language</source>
        <translation>键 {key!r} 已被公式语言占用</translation>
    </message>
    <message>
        <source>the key {key!r} is a built-in function</source>
        <translation>键 {key!r} 是内置函数</translation>
    </message>
    <message>
        <source>a name needs 1 to {limit} characters</source>
        <translation>名称需要 1 到 {limit} 个字符</translation>
    </message>
    <message>
        <source>the range of {name} must be three numbers</source>
        <translation>{name} 的范围必须是三个数</translation>
    </message>
    <message>
        <source>{name}: minimum, maximum and default must be within ±{limit}</source>
        <translation>{name}：最小值、最大值和默认值必须在 ±{limit} 以内</translation>
    </message>
    <message>
        <source>{name}: need minimum ≤ default ≤ maximum</source>
        <translation>{name}：需要 最小值 ≤ 默认值 ≤ 最大值</translation>
    </message>
    <message>
        <source>{name}: the range is too narrow</source>
        <translation>{name}：范围太窄</translation>
    </message>
    <message>
        <source>the formula has no finite value for x in [−1000, 1000]</source>
        <translation>公式在 x ∈ [−1000, 1000] 上没有有限值</translation>
    </message>
    <message>
        <source>the formula has finite values only at isolated points</source>
        <translation>公式只在孤立点上有有限值</translation>
    </message>
    <message>
        <source>at most {limit} functions of your own</source>
        <translation>自定义函数最多 {limit} 个</translation>
    </message>
    <message>
        <source>an entry must be an object with key, name and expression</source>
        <translation>条目必须是含 key、name 和 expression 的对象</translation>
    </message>
    <message>
        <source>&apos;{field}&apos; must be text</source>
        <translation>“{field}”必须是文本</translation>
    </message>
    <message>
        <source>&apos;ranges&apos; must map parameter names to [min, max, default]</source>
        <translation>“ranges”必须将参数名映射到 [min, max, default]</translation>
    </message>
    <message>
        <source>the range of {name!r} must be [min, max, default]</source>
        <translation>{name!r} 的范围必须是 [min, max, default]</translation>
    </message>
    <message>
        <source>the range of {name!r} must be numbers</source>
        <translation>{name!r} 的范围必须是数字</translation>
    </message>
    <message>
        <source>expected {{&quot;activations&quot;: [ … ]}}</source>
        <translation>应为 {{&quot;activations&quot;: [ … ]}}</translation>
    </message>
    <message>
        <source>the key {key!r} appears twice</source>
        <translation>键 {key!r} 出现了两次</translation>
    </message>
    <message>
        <source>at most {limit} functions of your own: {count} not read</source>
        <translation>自定义函数最多 {limit} 个：{count} 个未读取</translation>
    </message>
    <message>
        <source>entry {number} ({name}): {problem}</source>
        <translation>第 {number} 项（{name}）：{problem}</translation>
    </message>
    <message>
        <source>entry {number}: {problem}</source>
        <translation>第 {number} 项：{problem}</translation>
    </message>
    <message>
        <source>only the first {count} entries were read</source>
        <translation>只读取了前 {count} 项</translation>
    </message>
    <message>
        <source>your formula</source>
        <extracomment>Where a function of your own comes from (&quot;Source:&quot;).</extracomment>
        <translation>你输入的公式</translation>
    </message>
    <message>
        <source>Your own function, typed as: {formula}</source>
        <translation>自定义函数，输入为：{formula}</translation>
    </message>
    <message>
        <source>Derivatives are exact (derived from the formula, not by finite differences).</source>
        <translation>导数是精确的（由公式推导，而非有限差分）。</translation>
    </message>
    <message>
        <source>Check the curve and the derivatives over the range you care about.</source>
        <translation>请在你关心的范围内检查曲线及其导数。</translation>
    </message>
    <message>
        <source>Trying an idea before writing it in a framework.</source>
        <translation>在用框架实现之前先试验想法。</translation>
    </message>
    <message>
        <source>(too long to write out; its values are computed exactly)</source>
        <translation>（太长，无法写出；其值仍精确计算）</translation>
    </message>
    <message>
        <source>where(condition, a, b) takes b when the condition is false, also at equality: its derivative there is b&apos;s.</source>
        <translation>where(condition, a, b) 在条件不成立时取 b，等号成立时也取 b：此处的导数是 b 的导数。</translation>
    </message>
    <message>
        <source>the formula is too complex to differentiate; shorten it</source>
        <translation>公式太复杂，无法求导；请缩短</translation>
    </message>
    <message>
        <source>the formula nests too deeply</source>
        <translation>公式嵌套太深</translation>
    </message>
    <message>
        <source>the third derivative of {key} is not available</source>
        <translation>{key} 的三阶导数不可用</translation>
    </message>
    <message>
        <source>{problem} at column {column}</source>
        <extracomment>Longest formula accepted (characters). Deepest nesting of brackets (counted before parsing). Most nodes in the accepted tree. Largest |exponent| of a power whose exponent is a number. Largest |number| written in a formula. Functions a formula may call: name → number of arguments. Names that are neither parameters nor functions. (order, self and mp would clash with the arguments of Activation&apos;s methods.) The named arguments of the analysis and training functions that also take a function&apos;s parameters as keywords (``gaussian_stats(key, mu, sigma, eps, **params)``, …): a parameter of your own by one of these names would collide with them (tests/test_formula_names.py checks the list against the functions&apos; signatures). A problem with one part of a formula, and where that part starts.</extracomment>
        <translation>第 {column} 列：{problem}</translation>
    </message>
    <message>
        <source>number too large</source>
        <translation>数字太大</translation>
    </message>
    <message>
        <source>operator {operator} is not allowed</source>
        <translation>不允许使用运算符 {operator}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; cannot be a parameter name</source>
        <translation>“{name}”不能用作参数名</translation>
    </message>
    <message>
        <source>a formula must be text</source>
        <translation>公式必须是文本</translation>
    </message>
    <message>
        <source>the formula is {length} characters long; at most {limit}</source>
        <translation>公式长 {length} 个字符；最多 {limit} 个</translation>
    </message>
    <message>
        <source>the formula is empty</source>
        <translation>公式为空</translation>
    </message>
    <message>
        <source>brackets nest {depth} deep; at most {limit}</source>
        <translation>括号嵌套 {depth} 层；最多 {limit} 层</translation>
    </message>
    <message>
        <source>{count} signs in a row; at most {limit}</source>
        <translation>连续 {count} 个正负号；最多 {limit} 个</translation>
    </message>
    <message>
        <source>syntax error at column {column}: {detail}</source>
        <translation>第 {column} 列有语法错误：{detail}</translation>
    </message>
    <message>
        <source>the formula cannot be read: {detail}</source>
        <translation>无法读取公式：{detail}</translation>
    </message>
    <message>
        <source>the formula has {count} terms; at most {limit}</source>
        <translation>公式有 {count} 项；最多 {limit} 项</translation>
    </message>
    <message>
        <source>the formula has more than {limit} terms</source>
        <translation>公式超过 {limit} 项</translation>
    </message>
    <message>
        <source>{kind} {value!r} is not a number</source>
        <translation>{kind} {value!r} 不是数字</translation>
    </message>
    <message>
        <source>exponent too large (at most {limit})</source>
        <translation>指数太大（最大 {limit}）</translation>
    </message>
    <message>
        <source>a comparison is allowed only as where(condition, a, b)</source>
        <translation>比较只能写在 where(条件, a, b) 中</translation>
    </message>
    <message>
        <source>attributes (&apos;.&apos;) are not allowed</source>
        <translation>不允许使用属性（“.”）</translation>
    </message>
    <message>
        <source>indexing (&apos;[…]&apos;) is not allowed</source>
        <translation>不允许使用索引（“[…]”）</translation>
    </message>
    <message>
        <source>{what} is not allowed</source>
        <translation>不允许使用{what}</translation>
    </message>
    <message>
        <source>names starting with &apos;_&apos; (&apos;{name}&apos;) are not allowed</source>
        <translation>不允许使用以“_”开头的名称（“{name}”）</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a function: call it, {name}(…)</source>
        <translation>“{name}”是函数：请调用它，如 {name}(…)</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; cannot be a parameter name: the analysis uses it (try &apos;{name}_&apos;)</source>
        <translation>“{name}”不能用作参数名：分析功能要用到它（可改用“{name}_”）</translation>
    </message>
    <message>
        <source>only functions called by name are allowed</source>
        <translation>只允许按名称调用函数</translation>
    </message>
    <message>
        <source>{name}() takes no keyword arguments</source>
        <translation>{name}() 不接受关键字参数</translation>
    </message>
    <message>
        <source>{name}() takes no starred arguments</source>
        <translation>{name}() 不接受带星号的参数</translation>
    </message>
    <message>
        <source>{name}() takes {wanted} argument(s), got {count}</source>
        <translation>{name}() 需要 {wanted} 个参数，实际给了 {count} 个</translation>
    </message>
    <message>
        <source>where() needs a comparison first: where(x &gt; 0, a, b)</source>
        <translation>where() 的第一个参数必须是比较：where(x &gt; 0, a, b)</translation>
    </message>
    <message>
        <source>{name}() takes 1 argument, got {count}</source>
        <translation>{name}() 需要 1 个参数，实际给了 {count} 个</translation>
    </message>
    <message>
        <source>unknown name &apos;{name}&apos;</source>
        <translation>未知名称“{name}”</translation>
    </message>
    <message>
        <source>{problem} at column {column}; did you mean &apos;{suggestion}&apos;?</source>
        <translation>第 {column} 列：{problem}；是不是想输入“{suggestion}”？</translation>
    </message>
    <message>
        <source>a comprehension</source>
        <translation>推导式</translation>
    </message>
    <message>
        <source>a lambda</source>
        <translation>lambda 表达式</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>a tuple</source>
        <translation>元组</translation>
    </message>
    <message>
        <source>a dict</source>
        <translation>字典</translation>
    </message>
    <message>
        <source>a set</source>
        <translation>集合</translation>
    </message>
    <message>
        <source>&apos;… if … else …&apos; (use where)</source>
        <translation>“… if … else …”（请用 where）</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>a slice</source>
        <translation>切片</translation>
    </message>
    <message>
        <source>a registry function has no high-precision reference here</source>
        <extracomment>Largest argument of sin, cos and tan in a reference value (the largest float, about).</extracomment>
        <translation>内置函数在这里没有高精度参考值</translation>
    </message>
    <message>
        <source>invalid syntax</source>
        <extracomment>Python&apos;s syntax errors that a formula meets most, in words a translation can say.</extracomment>
        <translation>语法无效</translation>
    </message>
    <message>
        <source>invalid syntax. Perhaps you forgot a comma?</source>
        <translation>语法无效。是否漏了逗号？</translation>
    </message>
    <message>
        <source>invalid decimal literal</source>
        <translation>无效的十进制数</translation>
    </message>
    <message>
        <source>invalid hexadecimal literal</source>
        <translation>无效的十六进制数</translation>
    </message>
    <message>
        <source>invalid octal literal</source>
        <translation>无效的八进制数</translation>
    </message>
    <message>
        <source>invalid binary literal</source>
        <translation>无效的二进制数</translation>
    </message>
    <message>
        <source>invalid imaginary literal</source>
        <translation>无效的虚数</translation>
    </message>
    <message>
        <source>leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers</source>
        <translation>十进制整数不能有前导零；八进制整数请用 0o 前缀</translation>
    </message>
    <message>
        <source>unexpected character after line continuation character</source>
        <translation>续行符后出现意外字符</translation>
    </message>
    <message>
        <source>&apos;{bracket}&apos; was never closed</source>
        <translation>“{bracket}”没有闭合</translation>
    </message>
    <message>
        <source>unmatched &apos;{bracket}&apos;</source>
        <translation>“{bracket}”没有与之匹配的括号</translation>
    </message>
    <message>
        <source>closing parenthesis &apos;{closing}&apos; does not match opening parenthesis &apos;{opening}&apos;</source>
        <translation>右括号“{closing}”与左括号“{opening}”不匹配</translation>
    </message>
    <message>
        <source>unterminated string literal (detected at line {line})</source>
        <translation>字符串没有结束（在第 {line} 行发现）</translation>
    </message>
    <message>
        <source>line {line}: {problem}</source>
        <extracomment>The classes a CSV file may have. The largest CSV file read. Lines read between two checks whether the worker reading them is to stop.</extracomment>
        <translation>第 {line} 行：{problem}</translation>
    </message>
    <message>
        <source>line {line}, column {column}: {cell!r} is not a number</source>
        <translation>第 {line} 行第 {column} 列：{cell!r} 不是数字</translation>
    </message>
    <message>
        <source>line {line}, column {column}: {cell!r} is not a finite number</source>
        <translation>第 {line} 行第 {column} 列：{cell!r} 不是有限数</translation>
    </message>
    <message>
        <source>the data file {name} does not exist</source>
        <translation>数据文件 {name} 不存在</translation>
    </message>
    <message>
        <source>cannot read the data file {name}: {reason}</source>
        <translation>无法读取数据文件 {name}：{reason}</translation>
    </message>
    <message>
        <source>more than {limit} rows</source>
        <translation>超过 {limit} 行</translation>
    </message>
    <message>
        <source>the file has no data</source>
        <translation>文件中没有数据</translation>
    </message>
    <message>
        <source>the file needs at least two rows of data</source>
        <translation>文件至少需要两行数据</translation>
    </message>
    <message>
        <source>line {line}: expected 3 columns (x1, x2, label) or 2 (x, y), got {count}</source>
        <translation>第 {line} 行：应为 3 列（x1, x2, 标签）或 2 列（x, y），实际为 {count} 列</translation>
    </message>
    <message>
        <source>line {line}: expected {width} columns, got {count}</source>
        <translation>第 {line} 行：应为 {width} 列，实际为 {count} 列</translation>
    </message>
    <message>
        <source>line {line}, column 3: a class label must be a whole number, got {label}</source>
        <translation>第 {line} 行第 3 列：类别标签必须是整数，实际为 {label}</translation>
    </message>
    <message>
        <source>the labels must name at least two classes</source>
        <translation>标签至少要有两个类别</translation>
    </message>
    <message>
        <source>at most {limit} classes, got {count}</source>
        <translation>最多 {limit} 个类别，实际有 {count} 个</translation>
    </message>
    <message>
        <source>at most {limit} functions of your own: {count} not added ({names})</source>
        <extracomment>Largest custom-functions file read. Names listed in the message about functions not added (beyond the limit). Messages about a file of functions (made off the GUI thread, translated when shown).</extracomment>
        <translation>自定义函数最多 {limit} 个：{count} 个未添加（{names}）</translation>
    </message>
    <message>
        <source>{name}: {problem}</source>
        <translation>{name}：{problem}</translation>
    </message>
    <message>
        <source>{name} is not a JSON file: {reason}</source>
        <translation>{name} 不是 JSON 文件：{reason}</translation>
    </message>
    <message>
        <source>a race has 1 to {limit} activations, got {count}</source>
        <translation>一场比赛需要 1 到 {limit} 个激活函数，实际为 {count} 个</translation>
    </message>
    <message>
        <source>activation keys must be text</source>
        <translation>激活函数的键必须是文本</translation>
    </message>
    <message>
        <source>inits must give one initialisation per activation, or none</source>
        <translation>inits 必须为每个激活函数给出一种初始化，或者一个也不给</translation>
    </message>
    <message>
        <source>each activation may race once (once per initialisation)</source>
        <translation>每个激活函数只能参赛一次（每种初始化一次）</translation>
    </message>
    <message>
        <source>data_file must be a file name, got {value!r}</source>
        <translation>data_file 必须是文件名，实际为 {value!r}</translation>
    </message>
    <message>
        <source>dataset &quot;csv&quot; needs a data_file</source>
        <translation>数据集 &quot;csv&quot; 需要 data_file</translation>
    </message>
    <message>
        <source>hidden must be a list of 1 to {limit} layer widths</source>
        <translation>hidden 必须是含 1 到 {limit} 个层宽度的列表</translation>
    </message>
    <message>
        <source>a hidden layer&apos;s width</source>
        <extracomment>The name of a hidden layer&apos;s width in &quot;… must be an integer in [1, 256], not 0&quot;.</extracomment>
        <translation>隐藏层的宽度</translation>
    </message>
    <message>
        <source>params must map activation keys to {{name: value}}</source>
        <translation>params 必须把激活函数的键映射到 {{name: value}}</translation>
    </message>
    <message>
        <source>params of {key!r} must be {{name: value}}</source>
        <translation>{key!r} 的 params 必须是 {{name: value}}</translation>
    </message>
    <message>
        <source>not an actgui race configuration (no &quot;actgui_race&quot; entry)</source>
        <translation>不是 actgui 比赛设置（没有 &quot;actgui_race&quot; 条目）</translation>
    </message>
    <message>
        <source>unsupported configuration version {version!r}</source>
        <translation>不支持的设置版本 {version!r}</translation>
    </message>
    <message>
        <source>unknown entries: {names}</source>
        <translation>未知条目：{names}</translation>
    </message>
    <message>
        <source>{name} must be a list</source>
        <translation>{name} 必须是列表</translation>
    </message>
    <message>
        <source>no activation {key!r} here</source>
        <translation>这里没有激活函数 {key!r}</translation>
    </message>
    <message>
        <source>{key} has no parameter {names}</source>
        <translation>{key} 没有参数 {names}</translation>
    </message>
    <message>
        <source>features must be a list of input features from {names}</source>
        <translation>features 必须是取自 {names} 的输入特征列表</translation>
    </message>
    <message>
        <source>none of the input features {names} applies to 1-D data (x only)</source>
        <translation>输入特征 {names} 都不适用于一维数据（只有 x）</translation>
    </message>
    <message>
        <source>dataset &quot;drawn&quot; needs points</source>
        <translation>dataset &quot;drawn&quot; 需要 points</translation>
    </message>
    <message>
        <source>points must be a list of at most {limit} rows, all [x1, x2, class] or all [x, y] of finite numbers</source>
        <translation>points 必须是至多 {limit} 行的列表，全部为 [x1, x2, class] 或全部为 [x, y]，且都是有限数</translation>
    </message>
    <message>
        <source>a drawn point&apos;s class must be a whole number from 0 to {limit}</source>
        <translation>手绘点的类别必须是 0 到 {limit} 之间的整数</translation>
    </message>
    <message>
        <source>draw at least {count} points to train on (there are {drawn})</source>
        <translation>至少要画 {count} 个点才能训练（现在有 {drawn} 个）</translation>
    </message>
    <message>
        <source>it is {kind}</source>
        <extracomment>The longest piece of the target&apos;s name in a temporary file&apos;s name: a name of 255 bytes (the most that most file systems allow) must still leave room for the temporary one.</extracomment>
        <translation>这是{kind}</translation>
    </message>
    <message>
        <source>{name} is {kind}</source>
        <translation>{name} 是{kind}</translation>
    </message>
    <message>
        <source>a folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>a FIFO (named pipe), not a regular file</source>
        <translation>FIFO（命名管道），不是普通文件</translation>
    </message>
    <message>
        <source>a device, not a regular file</source>
        <translation>设备，不是普通文件</translation>
    </message>
    <message>
        <source>a socket, not a regular file</source>
        <translation>套接字，不是普通文件</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>非普通文件</translation>
    </message>
    <message>
        <source>{name} is larger than {size}</source>
        <translation>{name} 大于 {size}</translation>
    </message>
    <message>
        <source>{count} bytes</source>
        <translation>{count} 字节</translation>
    </message>
    <message>
        <source>{name} is not UTF-8 text</source>
        <translation>{name} 不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>expected JSON text</source>
        <translation>应为 JSON 文本</translation>
    </message>
    <message>
        <source>the JSON text is longer than {limit} characters</source>
        <translation>JSON 文本超过 {limit} 个字符</translation>
    </message>
    <message>
        <source>the JSON nests deeper than {limit} levels</source>
        <translation>JSON 嵌套超过 {limit} 层</translation>
    </message>
    <message>
        <source>{name} is not a number JSON allows</source>
        <translation>{name} 不是 JSON 允许的数</translation>
    </message>
    <message>
        <source>not JSON: {reason}</source>
        <extracomment>&quot;not JSON: …&quot; (its ``reason``: :data:`JSON_AT`).</extracomment>
        <translation>不是 JSON：{reason}</translation>
    </message>
    <message>
        <source>{problem} (line {line}, column {column})</source>
        <extracomment>Where a JSON text goes wrong: the decoder&apos;s own words (English), its line and column.</extracomment>
        <translation>{problem}（第 {line} 行，第 {column} 列）</translation>
    </message>
    <message>
        <source>not usable JSON: {problem}</source>
        <translation>无法使用的 JSON：{problem}</translation>
    </message>
    <message>
        <source>{name} must be {requirement}, not {value}</source>
        <extracomment>The longest value shown in a message (a long text is cut there).</extracomment>
        <translation>{name} 必须是{requirement}，而不是 {value}</translation>
    </message>
    <message>
        <source>True or False</source>
        <translation>True 或 False</translation>
    </message>
    <message>
        <source>one of {choices}</source>
        <translation>{choices} 之一</translation>
    </message>
    <message>
        <source>a number</source>
        <extracomment>Requirements by (kind, range): an interval (&quot;in [0, 1)&quot;), a limit (&quot;≥ 0&quot;) or none.</extracomment>
        <translation>数</translation>
    </message>
    <message>
        <source>a number in {interval}</source>
        <translation>{interval} 内的数</translation>
    </message>
    <message>
        <source>a number {limit}</source>
        <translation>{limit} 的数</translation>
    </message>
    <message>
        <source>a finite number</source>
        <translation>有限数</translation>
    </message>
    <message>
        <source>a finite number {limit}</source>
        <translation>{limit} 的有限数</translation>
    </message>
    <message>
        <source>an integer</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>an integer in {interval}</source>
        <translation>{interval} 内的整数</translation>
    </message>
    <message>
        <source>an integer {limit}</source>
        <translation>{limit} 的整数</translation>
    </message>
    <message>
        <source>the signal overflowed at layer {layer}: no spectrum to measure</source>
        <extracomment>The refusals shown in the view (English as ``str()``; translated where shown).</extracomment>
        <translation>信号在第 {layer} 层溢出：没有可测量的谱</translation>
    </message>
    <message>
        <source>the derivative is not finite along the signal&apos;s path</source>
        <translation>沿信号路径的导数不是有限值</translation>
    </message>
    <message>
        <source>the training process stopped unexpectedly (exit code {code}); Reset starts it again</source>
        <extracomment>Seconds between two snapshots while training. Parameters go with a snapshot at most at this many bytes per second (a race of four 8×256 networks has 15 MB of them: about every 0.4 s), and always when training stops. How long :meth:`RaceProcess.close` waits in all for the worker to end (asked, then terminated, then killed). How much lower the worker&apos;s scheduling priority is than the window&apos;s (Unix ``nice``): when every core is busy (a 2-core machine, another program), a frame of the window waits less for the worker&apos;s turn; when a core is free the worker trains as fast (docs/performance.md, issue 24). Commands that stop the step in progress (the race they would train is replaced). The live settings of a race and the method of ``Race`` that applies each. The worker process ended while the window needed it (killed, out of memory, a crash).</extracomment>
        <translation>训练进程意外停止（退出码 {code}）；点“重置”会重新启动它</translation>
    </message>
    <message>
        <source>{name} has no PyTorch form here: it cannot be exported</source>
        <translation>{name} 在这里没有 PyTorch 形式：无法导出</translation>
    </message>
    <message>
        <source>the formula of {name} is not known here (it is no longer one of your functions): it cannot be exported</source>
        <translation>这里不知道 {name} 的公式（它已不再是你的函数之一）：无法导出</translation>
    </message>
    <message>
        <source>{name} has changed since the race began: start the race again to export it</source>
        <translation>{name} 在比赛开始后已更改：请重新开始比赛再导出</translation>
    </message>
    <message>
        <source>{name} cannot be written for PyTorch: it uses {part}</source>
        <translation>{name} 无法写成 PyTorch：它用到了 {part}</translation>
    </message>
</context>
</TS>
