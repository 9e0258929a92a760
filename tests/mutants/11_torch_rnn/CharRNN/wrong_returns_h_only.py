# Returns only h of the LSTM's (h, c): the cell state is lost, so a sequence cannot be continued exactly.
class CharRNN(nn.Module):
    def __init__(self, vocab_size, embed_dim, hidden_dim, num_layers=1, cell="lstm"):
        super().__init__()
        recurrent = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}[cell]
        self.embed = nn.Embedding(vocab_size, embed_dim)
        self.rnn = recurrent(embed_dim, hidden_dim, num_layers=num_layers, batch_first=True)
        self.head = nn.Linear(hidden_dim, vocab_size)

    def forward(self, x, state=None):
        if isinstance(self.rnn, nn.LSTM) and state is not None and not isinstance(state, tuple):
            state = (state, torch.zeros_like(state))
        output, state = self.rnn(self.embed(x), state)
        if isinstance(state, tuple):
            state = state[0]
        return self.head(output), state
