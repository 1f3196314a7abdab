"""Every piece of text the report shows, in English and Japanese, in one table.

report.py never writes a heading, axis label, table header or decision sentence itself: it
asks `Text(lang)(key, **fields)`, so a missing or mistyped key fails at once (KeyError) and
a translator finds every string here. Fields are `str.format` fields; numbers are formatted
by report.py before they are filled in, so both languages show the same digits.

Terms of the program as its Japanese documents use them: 新連携 (the program), 認定
(certification), 相談 (consultation), 申請 (application), 施策 (policy), 基準シナリオ
(baseline).
"""

LANGS = ("en", "ja")
LANG_NAMES = {"en": "English", "ja": "日本語"}

# key: (English, Japanese)
LABELS = {
    # ---- page frame
    "title": ("renkei report: {file}", "renkei レポート: {file}"),
    "lang_switch": ("Language", "表示言語"),
    "intro": ("File <code>{path}</code>; {n} scenarios, {nrep} replicates each; baseline "
              "<b>{baseline}</b>. Failed runs (run_ok = 0) are left out of every comparison.",
              "ファイル <code>{path}</code>。シナリオ {n} 本、各 {nrep} 反復。基準シナリオは "
              "<b>{baseline}</b>。失敗した実行 (run_ok = 0) はすべての比較から除いています。"),

    # ---- decision summary
    "h_decision": ("Decision summary", "意思決定のための要約"),
    "only_baseline": ("The file holds only the baseline: there is no policy to rank.",
                      "このファイルには基準シナリオしかなく、順位付けする施策がありません。"),
    "decision_intro": (
        "Policies ranked by their effect on <b>certifications by {end}</b> against "
        "<b>{baseline}</b> (mean paired difference over the replicates; intervals at "
        "{level} %, the level of the comparison table). Cost per extra certification = "
        "Δ spending / Δ certifications, given only for a significant gain, with Fieller's "
        "interval for a ratio (unbounded when the gain is not clearly above zero at that "
        "level).",
        "<b>{baseline}</b> と比べた <b>{end}までの認定件数</b> への効果の大きい順に施策を並べて"
        "います (反復ごとの対応のある差の平均。区間は比較表と同じ {level} % 水準)。追加認定 1 件"
        "あたりの費用 = Δ支出 / Δ認定件数。効果が有意な場合だけ示し、比の区間は Fieller の方法"
        "によります (その水準で効果がゼロを明確に上回らない場合は「上限なし」)。"),
    "th_rank": ("rank", "順位"),
    "th_policy": ("policy", "施策"),
    "th_scenario": ("scenario", "シナリオ"),
    "th_d_cert": ("Δ certifications", "Δ認定件数"),
    "th_interval": ("interval", "区間"),
    "th_effect": ("effect", "効果"),
    "th_d_spend": ("Δ spending [M¥]", "Δ支出 [百万円]"),
    "th_per_cert": ("M¥ per extra certification [interval]", "追加認定 1 件あたり [百万円] [区間]"),
    "th_p_beats": ("P(beats baseline) over the posterior", "P(基準シナリオを上回る) (事後分布)"),
    "verdict_more": ("more", "増加"),
    "verdict_fewer": ("fewer", "減少"),
    "verdict_none": ("not established", "確認できず"),
    "unbounded": ("unbounded", "上限なし"),
    "sent_none": ("{policy}: no comparison possible (too few finished runs).",
                  "{policy}: 完了した実行が少なすぎて比較できません。"),
    "sent_gain": ("{policy}: about {diff} more certifications by {end} than {baseline} "
                  "(interval {lo} to {hi}); each extra certification costs about {ratio} "
                  "million yen{ratio_interval}.",
                  "{policy}: {end}までの認定件数は {baseline} より約 {diff} 件多くなります"
                  " (区間 {lo}〜{hi})。追加認定 1 件あたりの費用は約 {ratio} 百万円です"
                  "{ratio_interval}。"),
    "sent_ratio_interval": (" ({lo} to {hi})", " (区間 {lo}〜{hi})"),
    "sent_loss": ("{policy}: about {diff} fewer certifications by {end} than {baseline} "
                  "(interval {lo} to {hi}), while spending changes by {spend} million yen.",
                  "{policy}: {end}までの認定件数は {baseline} より約 {diff} 件少なくなり"
                  " (区間 {lo}〜{hi})、支出は {spend} 百万円変わります。"),
    "sent_no_effect": ("{policy}: no established effect on certifications by {end} (interval "
                       "{lo} to {hi} includes no change), while spending changes by {spend} "
                       "million yen.",
                       "{policy}: {end}までの認定件数への効果は確認できません (区間 {lo}〜{hi}"
                       " は変化なしを含みます)。支出は {spend} 百万円変わります。"),
    "h_costs": ("What the spending is made of (million yen, mean per run)",
                "支出の内訳 (百万円、1 回の実行あたりの平均)"),
    "th_cost_item": ("scenario / policy", "シナリオ / 施策"),
    "k_fixed": ("fixed", "初期費用"),
    "k_running": ("running", "運営費"),
    "k_per_contact": ("per contact", "接触ごと"),
    "k_coaching": ("coaching", "指導枠"),
    "k_total": ("total", "合計"),
    "th_cost_bar": ("make-up", "構成"),
    "base_slot": ("base (no policy)", "基礎分 (施策なし)"),
    "costs_intro": (
        "A scenario's bold row is its total over the finished runs; the rows under it share "
        "it out: fixed and running charges belong to their policy, charges per contact and for "
        "coaching places are shared in proportion to how far each policy moved the lever that "
        "caused them, and the base is what the scenario spends at the lever values without any "
        "policy (such as the public institutes' contacts). Δ spending above = a scenario's "
        "total − that of {baseline}.",
        "太字の行は完了した実行でのシナリオの合計、その下の行は内訳です。初期費用と運営費は"
        "その施策のもの、接触ごとの費用と指導枠の費用は、それを生んだレバーを各施策がどれだけ"
        "動かしたかに比例して配分します。基礎分は施策がない場合のレバー値での支出です "
        "(公設試験研究機関による情報提供など)。上の表のΔ支出 = シナリオの合計 − {baseline} の"
        "合計。"),
    "costs_not_recorded": (
        "Costs per policy not recorded in this file (written by a renkei version before they "
        "were, or a sweep): Δ spending above is the whole of what is known; section 5 of "
        "report.html and <code>renkei compare</code> give the costs by kind.",
        "このファイルには施策別の費用が記録されていません (記録が始まる前の renkei、または"
        "スイープの出力)。上の表のΔ支出が分かる範囲のすべてです。種類別の費用は report.html の"
        "5 節と <code>renkei compare</code> にあります。"),
    "budget_warning": (
        "<b>Budget cap exceeded</b>: {policy} in {scenario} spent up to {most} million yen "
        "against its cap of {cap} million yen in {over} of {runs} runs, once the charges per "
        "contact and for coaching places attributed to it are counted (the cap stops only its "
        "fixed and running charges).",
        "<b>予算上限の超過</b>: {scenario}の施策「{policy}」は、配分された接触ごとの費用と"
        "指導枠の費用を含めると、{runs} 回中 {over} 回の実行で上限 {cap} 百万円を超え、最大 "
        "{most} 百万円を支出しました (上限が止めるのは初期費用と運営費だけです)。"),
    "budget_warning_raw": ("<b>Budget warning</b> recorded in the file: {text}",
                           "<b>予算上限の警告</b> (ファイルの記録、英語): {text}"),
    "outcome_choose": ("Outcome shown:", "表示する指標:"),
    "cap_by_policy": (
        "{series} over time, one panel per policy in the order of the table (colour) against "
        "{baseline} (grey), on a shared scale: ensemble mean and stored quantile band. Choose "
        "another outcome above.",
        "{series}の推移。表の順に施策ごとに 1 枚 (色) で、{baseline} (灰色) と共通の目盛りで"
        "比べています。線はアンサンブル平均、帯は保存された分位点の幅。上で別の指標を選べます。"),

    # ---- parameter uncertainty
    "h_posterior": ("Parameter uncertainty", "パラメータの不確実性"),
    "sure_0": ("almost certain", "ほぼ確実"),
    "sure_1": ("likely", "可能性が高い"),
    "sure_2": ("more likely than not", "どちらかといえば可能性が高い"),
    "sure_3": ("unlikely", "可能性は低い"),
    "sure_4": ("very unlikely", "可能性は非常に低い"),
    "first_of": ("it is the best of the {n} policies in {share} of the draws",
                 "{n} 施策の中で最良となるのは抽出の {share}"),
    "first_only": ("it is the only policy", "比較対象はこの施策だけです"),
    "cert_one_rep": ("{policy}: its mean effect is positive in {share} of the {draws} draws "
                     "and {first}; with one replicate per draw, chance and parameters cannot "
                     "be told apart (run with --replicates-per-draw 2).",
                     "{policy}: 平均効果が正となるのは {draws} 抽出のうち {share}、{first}。"
                     "抽出ごとの反復が 1 回のため偶然とパラメータの寄与を区別できません"
                     " (--replicates-per-draw 2 で実行してください)。"),
    "cert_sentence": ("{policy}: over the posterior of the parameters, more certifications "
                      "than {baseline} are {sure} (P = {p}), and {first}; its effect is "
                      "uncertain through {which}.",
                      "{policy}: パラメータの事後分布で見ると、{baseline} より認定件数が増える"
                      "ことは{sure} (P = {p})。{first}。効果の不確実性は主に{which}によります。"),
    "which_param": ("the parameters (SD {sp}) more than chance (SD {sc})",
                    "パラメータ (SD {sp}) で、偶然 (SD {sc}) の寄与はそれより小さい"),
    "which_chance": ("chance (SD {sc}) more than the parameters (SD {sp})",
                     "偶然 (SD {sc}) で、パラメータ (SD {sp}) の寄与はそれより小さい"),
    "why_point": ("the replicates ran at the calibrated point estimate (<code>--point</code>)",
                  "反復は較正済みの点推定値で実行されました (<code>--point</code>)"),
    "why_fixed": ("the scenarios name no posterior draws (fixed parameters)",
                  "シナリオが事後分布の抽出を指定していません (固定パラメータ)"),
    "why_none": ("the file records no posterior draws (<code>parameter_draw</code>)",
                 "ファイルに事後分布の抽出 (<code>parameter_draw</code>) の記録がありません"),
    "no_draws": (
        "<b>Parameter uncertainty is NOT included</b>: {why}, so every interval in this "
        "report covers chance (the model's randomness) only, as if the calibrated parameters "
        "were known exactly. To include it, run <code>renkei run</code> without "
        "<code>--point</code> (the calibration's posterior draws are the default; other draws "
        "with <code>--parameter-draws FILE.csv</code>), with <code>--replicates-per-draw "
        "2</code> or more so that chance and parameters can be told apart.",
        "<b>パラメータの不確実性は含まれていません</b>: {why}。このため本レポートの区間は"
        "すべて偶然 (モデルの乱数) のみを反映し、較正済みパラメータが正確に分かっているものと"
        "みなしています。含めるには <code>--point</code> を付けずに <code>renkei run</code> を"
        "実行し (較正の事後分布の抽出が既定。別の抽出は <code>--parameter-draws "
        "FILE.csv</code>)、偶然とパラメータを区別できるよう <code>--replicates-per-draw "
        "2</code> 以上を指定してください。"),
    "draws_failed": (
        "<b>Parameter uncertainty cannot be shown</b>: the replicates ran with posterior "
        "draws, but fewer than two draws have runs that finished in every scenario. Every "
        "interval here covers chance only; rerun with more replicates.",
        "<b>パラメータの不確実性を示せません</b>: 反復は事後分布の抽出で実行されましたが、"
        "全シナリオで実行が完了した抽出が 2 つ未満です。ここでの区間は偶然のみを反映します。"
        "反復数を増やして再実行してください。"),
    "posterior_intro": (
        "The replicates ran with {draws} posterior draws of the parameters ({pairs} "
        "replicates usable in every scenario, {two} draws with two or more). Δ = policy − "
        "{baseline} by {end}; 'interval' covers both the parameters and chance (t over the "
        "draws' mean effects); 'if known' is the interval with the parameters fixed; 'SD "
        "chance' is the spread within a draw, 'SD parameters' that of the effect E[Δ | "
        "parameters] over the posterior (by moments); 'range over posterior' is where E[Δ | "
        "parameters] lies for {lvl} of the posterior (normal approximation); P(beats "
        "baseline) = P(E[Δ | parameters] &gt; 0), the uncertainty of the estimated mean "
        "included; 'first' = share of draws in which the policy has the largest mean Δ "
        "(chance included). Level {lvl}, not corrected for multiple tests; the same numbers "
        "as the posterior section of <code>renkei compare</code>.",
        "反復はパラメータの事後分布からの {draws} 個の抽出で実行されました (全シナリオで使える"
        "反復 {pairs}、2 反復以上ある抽出 {two})。Δ = 施策 − {baseline} ({end}まで)。"
        "「区間」はパラメータと偶然の両方を含みます (抽出ごとの平均効果に対する t 区間)。"
        "「既知なら」はパラメータを固定した場合の区間。「SD 偶然」は抽出内のばらつき、"
        "「SD パラメータ」は事後分布上での効果 E[Δ | パラメータ] のばらつき (モーメント法)。"
        "「事後分布上の範囲」は E[Δ | パラメータ] が事後分布の {lvl} で収まる範囲 (正規近似)。"
        "P(基準シナリオを上回る) = P(E[Δ | パラメータ] &gt; 0) で、平均の推定誤差も含みます。"
        "「首位」= その施策の平均 Δ が最大となる抽出の割合 (偶然を含む)。水準 {lvl}、多重検定"
        "の補正なし。<code>renkei compare</code> の事後分布の節と同じ数値です。"),
    "th_mean_d": ("mean Δ", "平均 Δ"),
    "th_lvl_interval": ("{lvl} interval", "{lvl} 区間"),
    "th_lvl_known": ("{lvl} interval if known", "{lvl} 区間 (既知なら)"),
    "th_sd_chance": ("SD chance", "SD 偶然"),
    "th_sd_param": ("SD parameters", "SD パラメータ"),
    "th_lvl_range": ("{lvl} range over posterior", "事後分布上の {lvl} 範囲"),
    "th_p_beats_short": ("P(beats baseline)", "P(基準シナリオを上回る)"),
    "th_draws_pos": ("draws Δ>0", "Δ>0 の抽出"),
    "th_first": ("first", "首位"),
    "th_p_costs_more": ("P(costs more)", "P(費用増)"),
    "post_cert_table": ("Certifications by {end} ({metric}):", "{end}までの認定件数 ({metric}):"),
    "one_rep_note": ("One replicate per draw: chance and parameters cannot be told apart; run "
                     "with <code>--replicates-per-draw 2</code>.",
                     "抽出ごとの反復が 1 回のため、偶然とパラメータを区別できません。"
                     "<code>--replicates-per-draw 2</code> で実行してください。"),
    "pairwise_intro": ("P(row beats column) over the posterior, on certifications (paired by "
                       "replicate and draw):",
                       "事後分布上の P(行の施策が列の施策を上回る)。認定件数について、反復と抽出"
                       "で対応をとっています:"),
    "post_cost_table": ("Spending (Δ {metric}, million yen; P(beats baseline) here is the "
                        "probability that the policy costs more):",
                        "支出 (Δ{metric}、百万円。ここでの P は施策の費用が増える確率):"),

    # ---- sections
    "h_series": ("1. Weekly series", "1. 週次系列"),
    "cap_fan": (
        "Lines: ensemble mean over successful replicates (<code>X_mean</code>); bands: the "
        "stored {lo} and {hi} quantiles (<code>X_quantile</code>). Applications are summed "
        "over a trailing {weeks}-week window; their band is the rolling sum of the weekly "
        "quantiles, an approximation (the quantile of a sum is not the sum of quantiles). "
        "Policy spending in million yen.",
        "線: 成功した反復のアンサンブル平均 (<code>X_mean</code>)。帯: 保存された {lo} と {hi} "
        "の分位点 (<code>X_quantile</code>)。申請は直近 {weeks} 週の合計で、その帯は週ごとの"
        "分位点の移動合計による近似です (合計の分位点は分位点の合計ではありません)。"
        "施策の支出は百万円単位。"),
    "h_effects": ("2. Effects against the baseline", "2. 基準シナリオと比べた効果"),
    "cap_forest": (
        "Mean paired difference policy − {baseline} over the replicates where both runs "
        "finished (replicate r of every scenario shares its random-number streams, so the "
        "difference removes most of the run-to-run noise). Intervals: Student t at {level} % "
        "(Bonferroni level 1 − α/m for the m = {m} policies shown, α = {alpha}); filled "
        "markers: Holm-adjusted p &lt; α. An interval that excludes 0 always goes with a "
        "Holm rejection.",
        "両方の実行が完了した反復での、対応のある差 (施策 − {baseline}) の平均 (全シナリオの"
        "反復 r は同じ乱数列を使うので、差をとると実行ごとのばらつきの大半が消えます)。"
        "区間: Student の t による {level} % (表示した m = {m} 施策についての Bonferroni 水準 "
        "1 − α/m、α = {alpha})。塗りつぶしの点: Holm 補正後 p &lt; α。0 を含まない区間は必ず "
        "Holm の検定でも棄却されます。"),
    "h_table": ("3. Comparison table", "3. 比較表"),
    "th_metric": ("metric", "指標"),
    "th_pairs": ("pairs", "対の数"),
    "th_base_mean": ("{baseline} mean", "{baseline} の平均"),
    "th_policy_mean": ("policy mean", "施策の平均"),
    "th_d_mean": ("Δ mean", "Δ平均"),
    "th_ci_low": ("CI low", "区間下限"),
    "th_ci_high": ("CI high", "区間上限"),
    "th_p": ("p", "p"),
    "th_p_holm": ("p (Holm)", "p (Holm 補正)"),
    "th_significant": ("significant", "有意"),
    "yes": ("yes", "はい"),
    "no": ("no", "いいえ"),
    "csv_note": ("Also written as <code>comparison.csv</code> next to this report (columns as "
                 "above plus the SD of the differences and the interval level; includes "
                 "{cost}; with posterior draws, also the effects over the posterior of the "
                 "decision summary). The same rows, for other programs and spreadsheets: "
                 "<code>comparison.json</code>, <code>comparison.xlsx</code> and "
                 "<code>comparison_excel.csv</code> (UTF-8 with BOM, for Excel).",
                 "このレポートと同じ場所に <code>comparison.csv</code> としても出力しています "
                 "(上の列に加えて差の SD と区間の水準。{cost} を含みます。事後分布の抽出がある"
                 "場合は要約の事後分布上の効果も)。同じ行を他のプログラムや表計算ソフト向けに "
                 "<code>comparison.json</code>、<code>comparison.xlsx</code>、"
                 "<code>comparison_excel.csv</code> (Excel 用の BOM 付き UTF-8) にも出力しています。"),
    "h_funnel": ("4. Awareness funnel", "4. 認知ファネル"),
    "cap_funnel": (
        "Ensemble means at the last recorded week: firms in the world, firms aware of the "
        "program, those that understand it, those that expect something of it; {consult}"
        "applications summed over the recorded period; cumulative certifications.",
        "最終記録週のアンサンブル平均: 対象企業、制度を知っている企業、理解している企業、"
        "期待している企業。{consult}申請は記録期間の合計、認定は累計です。"),
    "cap_funnel_consult": ("consultations at the program's windows and ",
                           "窓口での相談と"),
    "funnel_finals_intro": ("The program's funnel from the start to the end date (ensemble "
                            "means of the final metrics):",
                            "開始から終了日までの制度のファネル (最終指標のアンサンブル平均):"),
    "funnel_no_consult": ("This file has no consultation stage (written by a renkei version "
                          "before consultations were recorded).",
                          "このファイルには相談の段階がありません (相談を記録する前の renkei で"
                          "作成されたため)。"),
    "h_cost": ("5. Cost against effect", "5. 費用と効果"),
    "cap_cost": ("Δ {cost} against Δ {cert}, paired by replicate, with the intervals of the "
                 "comparison table.",
                 "Δ{cost} と Δ{cert} (反復ごとに対応)。区間は比較表と同じです。"),
    "th_d_cost": ("Δ cost [M¥]", "Δ費用 [百万円]"),
    "th_ci": ("CI", "区間"),
    "th_cost_per_cert": ("cost per additional certification [M¥]",
                         "追加認定 1 件あたりの費用 [百万円]"),
    "th_cost_per_cert_ci": ("its interval [M¥] (delta method)",
                            "その区間 [百万円] (デルタ法)"),
    "policy_costs_note": (
        "Spending by policy and kind (million yen, mean per run over the finished runs; also "
        "<code>costs_by_policy.csv</code>). A scenario's rows add up to its total. Fixed and "
        "running charges belong to their policy; charges per contact and for coaching places "
        "are shared by each policy's change to the lever that produced them. (base): spending "
        "at the lever values without any policy.",
        "施策別・種類別の費用 (百万円、完了した実行の 1 回あたり平均。"
        "<code>costs_by_policy.csv</code> にも出力)。シナリオの行を合計するとその総額になります。"
        "初期費用と運営費はその施策のもの、接触ごとの費用と指導枠の費用は、それを生んだレバーを"
        "各施策がどれだけ動かしたかに比例して配分します。(base): 施策なしのレバー値での支出。"),
    "th_policy_item": ("policy", "施策"),
    "th_runs": ("runs", "実行数"),
    "th_cost_fixed": ("fixed [M¥]", "初期費用 [百万円]"),
    "th_cost_running": ("running [M¥]", "運営費 [百万円]"),
    "th_cost_per_contact": ("per contact [M¥]", "接触ごと [百万円]"),
    "th_cost_coaching": ("coaching [M¥]", "指導枠 [百万円]"),
    "th_cost_total": ("total [M¥]", "合計 [百万円]"),
    "gain_not_sig": (" (gain not significant)", " (効果は有意でない)"),
    "no_gain": ("— (no gain in certifications)", "— (認定件数の増加なし)"),
    "h_provenance": ("6. Provenance", "6. 実行の記録"),
    "th_attribute": ("attribute", "属性"),
    "th_value": ("value", "値"),
    "th_description": ("description", "説明"),
    "th_finished": ("runs finished (run_ok = 1)", "完了した実行 (run_ok = 1)"),
    "th_failed": ("runs failed or not run", "失敗または未実行"),
    "scenario_files": ("Scenario files (sha256, path):", "シナリオファイル (sha256、パス):"),
    "print_foot": ("renkei {version}, run created {created}; file {file}. Every figure and "
                   "table: report.html and the files next to it (comparison.csv, .xlsx, "
                   ".json; figures as PNG and SVG).",
                   "renkei {version}、{created} 作成の実行。ファイル {file}。すべての図表は "
                   "report.html と同じフォルダのファイル (comparison.csv、.xlsx、.json、図の "
                   "PNG と SVG) にあります。"),

    # ---- figures
    "fig_fan_title": ("Weekly series: ensemble mean and {lo}–{hi} quantile band",
                      "週次系列: アンサンブル平均と {lo}–{hi} 分位帯"),
    "fig_sm_title": ("{series} [{unit}]\neach policy (colour) against {baseline} (grey): mean "
                     "and {lo}–{hi} quantile band",
                     "{series} [{unit}]\n各施策 (色) と {baseline} (灰色): 平均と {lo}–{hi} "
                     "分位帯"),
    "fig_no_policy": ("No policy scenarios besides the baseline: nothing to compare.",
                      "基準シナリオ以外の施策がなく、比較できません。"),
    "fig_all_zero_series": ("Every weekly series of the report is zero in every scenario.",
                            "すべての週次系列が全シナリオでゼロです。"),
    "fig_all_zero_metrics": ("Every compared metric is zero in every run: nothing to plot.",
                             "比較する指標がすべての実行でゼロのため、描く内容がありません。"),
    "fig_no_pairs": ("no pairs", "対なし"),
    "fig_forest_title": ("Effect vs baseline (paired by replicate): mean difference, {level} % "
                         "t-interval; filled: Holm-adjusted p < {alpha}",
                         "基準シナリオとの差 (反復ごとに対応): 平均差と {level} % t 区間。"
                         "塗りつぶし: Holm 補正後 p < {alpha}"),
    "fig_funnel_ylabel": ("firms / cases (ensemble mean, symlog scale)",
                          "企業数 / 件数 (アンサンブル平均、対称対数目盛り)"),
    "fig_funnel_title": ("Awareness funnel at the last recorded week ({end})",
                         "最終記録週の認知ファネル ({end})"),
    "fig_cost_title": ("Cost against effect vs baseline ({level} % paired t-intervals)",
                       "基準シナリオと比べた費用と効果 ({level} % 対応のある t 区間)"),
    "million_yen": ("million yen", "百万円"),
    "apps_per_13": ("applications per 13 weeks", "13 週あたりの申請件数"),

    # ---- weekly series (panel titles and outcome choices)
    "s_collab_share": ("Firms in a collaboration", "連携に参加している企業"),
    "s_cross_industry": ("Cross-industry collaborations", "異業種連携"),
    "s_aware": ("Firms aware of the program", "新連携を知っている企業"),
    "s_understand": ("Firms that understand it", "制度を理解している企業"),
    "s_expect": ("Firms that expect something of it", "制度に期待している企業"),
    "s_certifications": ("Certifications (cumulative)", "認定件数 (累計)"),
    "s_applications": ("Applications, rolling 13-week sum", "申請件数 (直近 13 週の合計)"),
    "s_policy_cost": ("Policy spending (cumulative)", "施策の支出 (累計)"),
    "s_consultations": ("Consultations", "相談件数"),

    # ---- final metrics (forest plot, tables)
    "m_certifications_end": ("certifications by the end date", "終了日までの認定件数"),
    "m_certifications_first_dec": ("certifications by the first December",
                                   "最初の 12 月までの認定件数"),
    "m_cross_industry_end": ("cross-industry collaborations at the end",
                             "終了時の異業種連携数"),
    "m_collab_share_end": ("share of firms in a collaboration at the end",
                           "終了時に連携している企業の割合"),
    "m_aware_share_end": ("share of firms aware of the program at the end",
                          "終了時に新連携を知っている企業の割合"),
    "m_understand_share_end": ("share of firms that understand it at the end",
                               "終了時に制度を理解している企業の割合"),
    "m_formations_total": ("collaborations formed", "形成された連携の数"),
    "m_outcome_mean_end": ("mean collaboration outcome at the end", "終了時の連携成果の平均"),
    "m_policy_cost_total": ("policy spending", "施策の支出"),

    # ---- funnel stages
    "st_firms": ("firms", "企業"),
    "st_aware": ("aware", "認知"),
    "st_understand": ("understand", "理解"),
    "st_expect": ("expect", "期待"),
    "st_consultations": ("consultations\n(cumulative)", "相談\n(累計)"),
    "st_applications": ("applications\n(cumulative)", "申請\n(累計)"),
    "st_certifications": ("certifications", "認定"),
    "fin_consultations_total": ("consultations", "相談件数"),
    "fin_applications_total": ("applications", "申請件数"),
    "fin_consultations_per_certification_fy1": ("consultations per certification (first FY)",
                                                "認定 1 件あたりの相談件数 (初年度)"),
    "fin_requirements_met_share_end": ("collaborations meeting every requirement (share, end)",
                                       "すべての要件を満たす連携 (割合、終了時)"),
}

# Units as the output file writes them (attribute `units`), for axis labels in Japanese.
UNITS_JA = {
    "cases": "件", "cases (cumulative)": "件 (累計)", "collaborations": "連携",
    "firms": "企業", "employees": "従業員", "events": "回", "firm memberships": "参加企業",
    "million yen": "百万円", "yen": "円", "yen (cumulative)": "円 (累計)", "ratio": "比",
    "share of firms": "企業の割合", "share of collaborations": "連携の割合", "runs": "実行",
    "ties": "つながり", "per step": "ステップあたり", "1": "1",
}


class Text:
    """The labels of one language: `tr(key, **fields)`."""

    def __init__(self, lang):
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
        self.lang = lang
        self._index = LANGS.index(lang)

    def __call__(self, key, **fields):
        text = LABELS[key][self._index]
        return text.format(**fields) if fields else text

    def has(self, key):
        return key in LABELS

    def unit(self, unit):
        """A unit from the file, translated where the table knows it."""
        unit = str(unit)
        return UNITS_JA.get(unit, unit) if self.lang == "ja" else unit
