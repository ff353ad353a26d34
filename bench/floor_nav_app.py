"""The floor behind navigation: the floor's one chart, but on the first of eight pages of `st.navigation` with a
sidebar of four widgets (a language radio, two toggles, a region selectbox), as every page of the app has.

bench/run.py measures it beside the floor (bench/floor_app.py) and the app's pages: the floor's ratio to it is what
Streamlit's own navigation and sidebar cost before the app draws anything, so a page's ratio to the plain floor can
be split into that and what the page itself adds.
"""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Floor", layout="wide")


def chart() -> None:
    years = [2021, 2022, 2023, 2024, 2025]
    fig = go.Figure(go.Scatter(x=years, y=[52.1, 55.4, 58.9, 61.2, 63.0], mode="lines+markers"))
    fig.update_layout(title="Floor", height=400)
    st.title("Floor")
    st.plotly_chart(fig, width="stretch", key="floor")


page = st.navigation([st.Page(chart, title=f"Halaman {i + 1}", url_path=f"h{i + 1}", default=i == 0) for i in range(8)])
st.sidebar.radio("Bahasa", ["Bahasa Indonesia", "English"])
st.sidebar.toggle("Hanya data resmi")
st.sidebar.toggle("Mode presentasi")
st.sidebar.selectbox("Daerah", ["Kota Bontang", "Kota Pontianak"])
page.run()
