# A time-first recurrent layer, with the input and output transposed around it (the state is (L, N, H) either way).
class CharRNN(nn.Module):
    def __init__(self, vocab_size, embed_dim, hidden_dim, num_layers=1, cell="lstm"):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        kind = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}
        self.recurrent = kind[cell](input_size=embed_dim, hidden_size=hidden_dim, num_layers=num_layers)
        self.readout = nn.Linear(hidden_dim, vocab_size)

    def forward(self, x, state=None):
        time_major = self.embedding(x).transpose(0, 1)          # (T, N, E)
        output, state = self.recurrent(time_major, state)       # (T, N, H)
        return self.readout(output.transpose(0, 1)), state      # (N, T, V)
